using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Greenlight.Core.Audit;

/// <summary>
/// One entry of the audit log: a record with its place in the chain. Its canonical JSON (<see cref="CanonicalJson"/>)
/// is one line of an export, and <see cref="Hash"/> of that line is what the next entry carries as <c>prev</c>.
/// </summary>
/// <param name="Seq">1, 2, 3, … without gaps.</param>
/// <param name="Prev">The SHA-256 (lower-case hex) of the previous entry's line; <see cref="Genesis"/> for entry 1.</param>
public sealed record AuditEntry(long Seq, DateTimeOffset Time, AuditRecord Record, string Prev)
{
    /// <summary>What entry 1 chains to.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>UTC to the millisecond, with a Z: one string for one instant.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public string ToJson() => CanonicalJson.Write(
    [
        new("action", Record.Action), new("actor", Record.Actor), new("after", Record.After), new("before", Record.Before),
        new("detail", Record.Detail), new("outcome", Record.Outcome), new("prev", Prev), new("request", Record.Request),
        new("seq", Seq), new("source", Record.Source), new("status", Record.Status), new("subject", Record.Subject),
        new("time", FormatTime(Time)),
    ]);

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of the line's UTF-8 bytes, lower-case hex: <c>hashlib.sha256(line.encode()).hexdigest()</c>.</summary>
    public static string Hash(string line) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    /// <summary>Reads a line back; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static AuditEntry Parse(string line)
    {
        using var doc = ParseObject(line);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
                throw new FormatException($"unknown field \"{property.Name}\"");
            if (!fields.TryAdd(property.Name, property.Value))
                throw new FormatException($"field \"{property.Name}\" appears twice");
        }
        string Text(string name) => OptionalText(name) ?? throw new FormatException($"field \"{name}\" is missing");
        string? OptionalText(string name) => !fields.TryGetValue(name, out var v) ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"field \"{name}\" is not a string");
        long? Integer(string name) => !fields.TryGetValue(name, out var v) ? null
            : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : throw new FormatException($"field \"{name}\" is not an integer");

        if (!DateTimeOffset.TryParseExact(Text("time"), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            throw new FormatException($"field \"time\" is not of the form {TimeFormat}");
        var record = new AuditRecord(Text("actor"), Text("action"), Text("subject"), Text("outcome"))
        {
            Request = OptionalText("request"), Source = OptionalText("source"), Status = (int?)Integer("status"),
            Before = OptionalText("before"), After = OptionalText("after"), Detail = OptionalText("detail"),
        };
        return new AuditEntry(Integer("seq") ?? throw new FormatException("field \"seq\" is missing"), time, record, Text("prev"));
    }

    internal static JsonDocument ParseObject(string line)
    {
        try
        {
            var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                return doc;
            doc.Dispose();
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}");
        }
        throw new FormatException("not a JSON object");
    }

    private static readonly HashSet<string> Known =
        ["action", "actor", "after", "before", "detail", "outcome", "prev", "request", "seq", "source", "status", "subject", "time"];
}
