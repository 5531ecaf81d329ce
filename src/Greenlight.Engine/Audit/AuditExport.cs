using Greenlight.Core.Audit;

namespace Greenlight.Engine.Audit;

/// <summary>
/// An export of the log for whoever verifies it offline: <c>entries.jsonl</c> (each line an entry's canonical JSON,
/// exactly the bytes hashed), <c>checkpoints.jsonl</c>, and the public key <c>audit-key.pub.pem</c>.
/// </summary>
public sealed record AuditExport(IReadOnlyList<string> Entries, IReadOnlyList<Checkpoint> Checkpoints, AuditKey Key)
{
    public const string EntriesFile = "entries.jsonl";
    public const string CheckpointsFile = "checkpoints.jsonl";

    /// <summary>The log of a state directory, from the first entry at or after <paramref name="since"/>, with the checkpoints over it.</summary>
    public static async Task<AuditExport> OfStoreAsync(IAuditStore store, string stateDirectory, DateTimeOffset? since, CancellationToken ct)
    {
        var key = AuditKeys.ReadPublic(stateDirectory)
            ?? throw new AuditFileException($"{Path.Combine(stateDirectory, AuditKeys.PublicFile)} is missing: without the public key no checkpoint can be checked");
        // Checkpoints first: the log only grows, so the entries read next include every one they sign. The other way
        // round, an append with its checkpoint in between would look like a cut tail.
        var checkpoints = await store.ReadCheckpointsAsync(ct);
        var entries = await store.ReadAuditAsync(since, ct);
        var first = entries.Count > 0 ? AuditEntry.Parse(entries[0]).Seq : long.MaxValue;
        // A checkpoint past the last entry stays: it is what shows a cut tail.
        return new AuditExport(entries, since is null ? checkpoints : checkpoints.Where(c => c.Seq >= first).ToList(), key);
    }

    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, EntriesFile), Entries);
        File.WriteAllLines(Path.Combine(directory, CheckpointsFile), Checkpoints.Select(c => c.ToJson()));
        File.WriteAllText(Path.Combine(directory, AuditKeys.PublicFile), Key.PublicPem);
    }

    /// <summary>Reads an export back; a line that is not a checkpoint is named by file and line.</summary>
    public static AuditExport Read(string directory)
    {
        string PathOf(string name) => Path.Combine(directory, name) is var p && File.Exists(p) ? p
            : throw new AuditFileException($"{p} is missing: an export holds {EntriesFile}, {CheckpointsFile} and {AuditKeys.PublicFile}");
        var entries = File.ReadAllLines(PathOf(EntriesFile));
        var checkpointsPath = PathOf(CheckpointsFile);
        var checkpoints = File.ReadAllLines(checkpointsPath).Select((line, i) =>
        {
            try
            {
                return Checkpoint.Parse(line);
            }
            catch (FormatException e)
            {
                throw new AuditFileException($"{checkpointsPath}:{i + 1}: not a checkpoint: {e.Message}");
            }
        }).ToList();
        var keyPath = PathOf(AuditKeys.PublicFile);
        AuditKey key;
        try
        {
            key = AuditKey.ReadPem(File.ReadAllText(keyPath), keyPath);
        }
        catch (FormatException e)
        {
            throw new AuditFileException(e.Message);
        }
        return new AuditExport(entries, checkpoints, key);
    }

    /// <param name="whole">The export is the whole log (from entry 1): its first entry must start the chain.</param>
    public AuditVerification Verify(bool whole) => AuditVerifier.Verify(Entries, Checkpoints, Key, whole);
}

/// <summary>An audit file that is missing or unreadable: the message names it.</summary>
public sealed class AuditFileException(string message) : Exception(message);
