using System.Text.Json;

namespace Greenlight.Scanning.Dependencies;

/// <summary>Reads one osv.dev JSON document into an <see cref="OsvRecord"/>.</summary>
internal static class OsvParser
{
    public static OsvRecord Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var id = root.GetProperty("id").GetString() ?? throw new InvalidDataException("OSV record without id.");
        var affected = Array(root, "affected").Select(ParseAffected).ToList();
        return new OsvRecord(
            id,
            Strings(root, "aliases"),
            Str(root, "summary"),
            SeverityReader.FromRecord(root),
            affected);
    }

    private static OsvAffected ParseAffected(JsonElement a)
    {
        var package = a.TryGetProperty("package", out var p) ? p : default;
        var ranges = Array(a, "ranges").Select(r => new OsvRange(
            Str(r, "type") ?? "",
            Array(r, "events").SelectMany(ParseEvent).ToList())).ToList();
        return new OsvAffected(
            package.ValueKind == JsonValueKind.Object ? Str(package, "ecosystem") ?? "" : "",
            package.ValueKind == JsonValueKind.Object ? Str(package, "name") ?? "" : "",
            ranges,
            Strings(a, "versions"),
            SeverityReader.FromAffected(a));
    }

    private static IEnumerable<OsvEvent> ParseEvent(JsonElement e)
    {
        // An event object carries exactly one key per the schema; yield whatever is present.
        if (Str(e, "introduced") is { } i) yield return new OsvEvent(OsvEventKind.Introduced, i);
        if (Str(e, "fixed") is { } f) yield return new OsvEvent(OsvEventKind.Fixed, f);
        if (Str(e, "last_affected") is { } l) yield return new OsvEvent(OsvEventKind.LastAffected, l);
        if (Str(e, "limit") is { } m) yield return new OsvEvent(OsvEventKind.Limit, m);
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    internal static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];

    private static List<string> Strings(JsonElement e, string name) =>
        Array(e, name).Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList();
}
