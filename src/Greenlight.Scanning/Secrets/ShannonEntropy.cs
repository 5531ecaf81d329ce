namespace Greenlight.Scanning.Secrets;

/// <summary>Bits per character; random tokens score high, words and placeholders low.</summary>
internal static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        // Every candidate match is measured (hundreds of thousands in a large tree), and secrets are ASCII:
        // counting in a stack table keeps that free of allocations; anything else takes the general path.
        if (System.Text.Ascii.IsValid(s))
        {
            Span<int> ascii = stackalloc int[128];
            foreach (var c in s) ascii[c]++;
            double h = 0;
            foreach (var n in ascii) h -= Term(n, s.Length);
            return h;
        }
        var counts = new Dictionary<char, int>();
        foreach (var c in s) counts[c] = counts.GetValueOrDefault(c) + 1;
        double total = 0;
        foreach (var n in counts.Values) total -= Term(n, s.Length);
        return total;
    }

    private static double Term(int count, int length)
    {
        if (count == 0) return 0;
        var p = (double)count / length;
        return p * Math.Log2(p);
    }
}
