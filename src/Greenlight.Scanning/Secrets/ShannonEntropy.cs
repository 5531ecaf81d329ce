namespace Greenlight.Scanning.Secrets;

/// <summary>Bits per character; random tokens score high, words and placeholders low.</summary>
internal static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        var counts = new Dictionary<char, int>();
        foreach (var c in s) counts[c] = counts.GetValueOrDefault(c) + 1;
        double h = 0;
        foreach (var n in counts.Values)
        {
            var p = (double)n / s.Length;
            h -= p * Math.Log2(p);
        }
        return h;
    }
}
