using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Core.Audit;

/// <summary>What the chain needs of an entry: its number and what it chains to. Read without building the entry:
/// any other change to a line changes its hash, which the next entry or a checkpoint then fails to match.</summary>
internal sealed record AuditLink(long Seq, string Prev)
{
    public static AuditLink Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new System.Text.Json.Utf8JsonReader(utf8);
        long? seq = null;
        string? prev = null;
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
                throw new FormatException("not a JSON object");
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("seq"u8))
                    seq = reader.TokenType == System.Text.Json.JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : throw new FormatException("field \"seq\" is not an integer");
                else if (name.SequenceEqual("prev"u8))
                    prev = reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : throw new FormatException("field \"prev\" is not a string");
                else
                    reader.Skip();
            }
            if (reader.TokenType != System.Text.Json.JsonTokenType.EndObject || reader.Read())
                throw new FormatException("not a single JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}");
        }
        return new AuditLink(seq ?? throw new FormatException("field \"seq\" is missing"), prev ?? throw new FormatException("field \"prev\" is missing"));
    }
}

/// <summary>The first bad entry: its sequence number (where it stands or belongs) and what is wrong.</summary>
public sealed record AuditProblem(long Seq, string What)
{
    public override string ToString() => $"entry {Seq}: {What}";
}

/// <summary>What a verification found: the entries and checkpoints checked, and the first problem if any.</summary>
public sealed record AuditVerification(long Entries, long FirstSeq, long LastSeq, int Checkpoints, AuditProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Checks a log, as its lines in stored order, against its chain and its signed checkpoints: a modified, deleted,
/// inserted or reordered entry breaks the chain, and a cut tail ends before the last checkpoint. Names the first bad
/// entry. Pure: the caller reads the lines from the store or from an export.
/// </summary>
public static class AuditVerifier
{
    /// <param name="fromStart">The lines are the whole log: the first must be entry 1, chained to <see cref="AuditEntry.Genesis"/>.
    /// An export from a later entry takes its first entry's <c>prev</c> on trust.</param>
    public static AuditVerification Verify(IReadOnlyList<string> lines, IReadOnlyList<Checkpoint> checkpoints, AuditKey key, bool fromStart)
    {
        var n = lines.Count;
        var entries = new AuditLink?[n];
        var errors = new string?[n];
        var hashes = new string[n];
        // Parsing and hashing are the cost, and independent per line: on every core.
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new byte[1024], (i, _, buffer) =>
        {
            var line = lines[i];
            if (Encoding.UTF8.GetMaxByteCount(line.Length) > buffer.Length)
                buffer = new byte[Encoding.UTF8.GetMaxByteCount(line.Length)];
            var bytes = buffer.AsSpan(0, Encoding.UTF8.GetBytes(line, buffer));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            hashes[i] = Convert.ToHexStringLower(hash);
            try
            {
                entries[i] = AuditLink.Read(bytes);
            }
            catch (FormatException e)
            {
                errors[i] = $"modified: {e.Message}";
            }
            return buffer;
        }, _ => { });

        var first = fromStart || n == 0 ? 1 : entries[0]?.Seq ?? 1;
        var problem = Chain(entries, errors, hashes, first, fromStart);
        problem = Earliest(problem, Signed(checkpoints, key, hashes, first, first + n - 1));
        return new AuditVerification(n, first, first + n - 1, checkpoints.Count, problem);
    }

    private static AuditProblem? Chain(AuditLink?[] entries, string?[] errors, string[] hashes, long first, bool fromStart)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            var expected = first + i;
            if (errors[i] is { } error)
                return new(expected, error);
            var entry = entries[i]!;
            var prev = i > 0 ? hashes[i - 1] : fromStart ? AuditEntry.Genesis : entry.Prev;
            if (entry.Seq != expected || entry.Prev != prev)
                return Broken(entries, hashes, i, expected, first);
        }
        return null;
    }

    /// <summary>Why entry <paramref name="i"/> does not follow entry <paramref name="i"/>-1, named at the first bad position.</summary>
    private static AuditProblem Broken(AuditLink?[] entries, string[] hashes, int i, long expected, long first)
    {
        var entry = entries[i]!;
        // Built only here: an intact log never needs them.
        var positionOfHash = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < i; p++)
            positionOfHash.TryAdd(hashes[p], p);
        var seqsPresent = entries.Where(e => e is not null).Select(e => e!.Seq).ToHashSet();
        // It chains to an earlier entry than the one before it: what stands between was inserted.
        if (positionOfHash.TryGetValue(entry.Prev, out var k) && k < i - 1)
            return new(first + k + 1, $"inserted: entry {entry.Seq} (line {i + 1}) chains to entry {first + k}, not to the {i - 1 - k} line(s) before it");
        if (entry.Seq > expected)
            return seqsPresent.Contains(expected)
                ? new(expected, $"reordered: entry {entry.Seq} stands where entry {expected} belongs (line {i + 1})")
                : new(expected, $"deleted: entry {expected} is missing; " + (expected == 1 ? $"the log starts at entry {entry.Seq}" : $"entry {entry.Seq} follows entry {expected - 1}"));
        if (entry.Seq < expected)
            return new(expected, $"inserted or reordered: line {i + 1}, where entry {expected} belongs, holds another entry {entry.Seq}");
        if (i == 0)
            return new(expected, $"modified: entry 1 chains to {entry.Prev}, not to the start of the log");
        // The next entry skips this one and chains to the one before: this one was put in.
        if (i + 1 < entries.Length && entries[i + 1]?.Prev == hashes[i - 1])
            return new(expected, $"inserted: entry {expected} is not in the chain; entry {expected + 1} chains to entry {expected - 1}");
        return new(expected - 1, $"modified: its content no longer has the hash entry {expected} records for it (prev {entry.Prev})");
    }

    private static AuditProblem? Signed(IReadOnlyList<Checkpoint> checkpoints, AuditKey key, string[] hashes, long first, long last)
    {
        var problems = new AuditProblem?[checkpoints.Count];
        Parallel.For(0, checkpoints.Count, i =>
        {
            var c = checkpoints[i];
            AuditProblem? problem = null;
            if (c.Key != key.Fingerprint || !key.Verify(c.SignedText, c.Signature))
                problem = new(c.Seq, $"checkpoint of {AuditEntry.FormatTime(c.Time)}: its signature does not verify with key {key.Fingerprint}");
            else if (c.Seq > last)
                problem = new(last + 1, $"truncated: the log ends at entry {last}, but the checkpoint of {AuditEntry.FormatTime(c.Time)} signed entries up to {c.Seq}");
            else if (c.Seq >= first && hashes[c.Seq - first] != c.Hash)
                problem = new(c.Seq, $"modified: its hash differs from the one the checkpoint of {AuditEntry.FormatTime(c.Time)} signed");
            problems[i] = problem;
        });
        return problems.Aggregate((AuditProblem?)null, Earliest);
    }

    private static AuditProblem? Earliest(AuditProblem? a, AuditProblem? b) => a is null ? b : b is null || a.Seq <= b.Seq ? a : b;
}
