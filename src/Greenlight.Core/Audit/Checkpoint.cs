using System.Globalization;
using System.Text.Json;

namespace Greenlight.Core.Audit;

/// <summary>
/// A signed statement that the log held entries up to <paramref name="Seq"/>, the last with hash <paramref name="Hash"/>:
/// no entry up to it can change, go or come without the signature failing, and a log that ends before it was cut.
/// </summary>
/// <param name="Key">The fingerprint of the signing key (<see cref="AuditKey.Fingerprint"/>).</param>
/// <param name="Signature">Ed25519 over the UTF-8 bytes of <see cref="SignedText"/>, base64.</param>
public sealed record Checkpoint(long Seq, string Hash, DateTimeOffset Time, string Key, string Signature)
{
    /// <summary>The bytes signed: the canonical JSON of every field but the signature.</summary>
    public string SignedText => CanonicalJson.Write([new("hash", Hash), new("key", Key), new("seq", Seq), new("time", AuditEntry.FormatTime(Time))]);

    /// <summary>One line of checkpoints.jsonl: the signed fields plus the signature.</summary>
    public string ToJson() => CanonicalJson.Write(
        [new("hash", Hash), new("key", Key), new("seq", Seq), new("signature", Signature), new("time", AuditEntry.FormatTime(Time))]);

    public static Checkpoint Sign(long seq, string hash, DateTimeOffset time, AuditKey key)
    {
        var unsigned = new Checkpoint(seq, hash, time, key.Fingerprint, "");
        return unsigned with { Signature = Convert.ToBase64String(key.Sign(unsigned.SignedText)) };
    }

    public static Checkpoint Parse(string line)
    {
        using var doc = AuditEntry.ParseObject(line);
        var root = doc.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : throw new FormatException($"field \"{name}\" is missing or not a string");
        if (!root.TryGetProperty("seq", out var seq) || !seq.TryGetInt64(out var n))
            throw new FormatException("field \"seq\" is missing or not an integer");
        if (!DateTimeOffset.TryParseExact(Text("time"), AuditEntry.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            throw new FormatException($"field \"time\" is not of the form {AuditEntry.TimeFormat}");
        return new Checkpoint(n, Text("hash"), time, Text("key"), Text("signature"));
    }
}
