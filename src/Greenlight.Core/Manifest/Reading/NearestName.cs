namespace Greenlight.Core.Manifest.Reading;

/// <summary>Finds the "did you mean" for a misspelt key: the closest allowed name within a small edit distance.</summary>
internal static class NearestName
{
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        var limit = name.Length < 5 ? 1 : 2;
        return candidates
            .Select(candidate => (candidate, distance: Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(c => c.distance <= limit)
            .OrderBy(c => c.distance)
            .Select(c => c.candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance with two rolling rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
