using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Greenlight.Core.Drift;

/// <summary>
/// What a revision runs, as hashed at one moment: each file by its path (relative to the working directory, or
/// absolute for a file outside it such as the command) with the first 32 hex digits of its SHA-256.
/// </summary>
/// <param name="Limit">Which bound stopped the walk, when one did: files past it are not covered.</param>
/// <param name="Problem">Why nothing could be hashed (the working directory does not exist), when so.</param>
public sealed record FileSet(IReadOnlyDictionary<string, string> Files, string? Limit = null, string? Problem = null)
{
    /// <summary>The SHA-256 of every path with its hash, in ordinal order, and of the problem if any.</summary>
    [JsonIgnore]
    public string Digest
    {
        get
        {
            var text = new StringBuilder(Problem is null ? "" : $"problem\0{Problem}\n");
            foreach (var (path, hash) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
                text.Append(path).Append('\0').Append(hash).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    /// <summary>What changed from <paramref name="before"/> to this set, a few paths named: "changed a, b; added c (and 4 more)".</summary>
    public string ChangesSince(FileSet before, int named = 5)
    {
        if (Problem is not null)
            return Problem;
        var changed = Files.Where(f => before.Files.TryGetValue(f.Key, out var old) && old != f.Value).Select(f => f.Key);
        var added = Files.Keys.Where(path => !before.Files.ContainsKey(path));
        var removed = before.Files.Keys.Where(path => !Files.ContainsKey(path));
        var groups = new[] { ("changed", changed), ("added", added), ("removed", removed) }
            .Select(g => (g.Item1, Paths: g.Item2.Order(StringComparer.Ordinal).ToList()))
            .Where(g => g.Paths.Count > 0)
            .ToList();
        var total = groups.Sum(g => g.Paths.Count);
        var parts = new List<string>();
        var left = named;
        foreach (var (what, paths) in groups)
        {
            if (left == 0)
                break;
            parts.Add($"{what} {string.Join(", ", paths.Take(left))}");
            left -= Math.Min(left, paths.Count);
        }
        var more = total - (named - left);
        return (parts.Count == 0 ? "the same files" : string.Join("; ", parts)) + (more > 0 ? $" (and {more} more)" : "")
            + (Limit is null ? "" : $"; {Limit}");
    }
}
