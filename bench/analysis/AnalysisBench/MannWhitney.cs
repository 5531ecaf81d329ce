using MathNet.Numerics;

namespace AnalysisBench;

/// <summary>The Mann-Whitney U test (Mann &amp; Whitney 1947), normal approximation with tie correction.</summary>
internal static class MannWhitney
{
    /// <summary>One-sided p-value for "x tends to be larger than y".</summary>
    public static double PValueGreater(List<double> x, List<double> y)
    {
        int n1 = x.Count, n = x.Count + y.Count;
        if (x.Count == 0 || y.Count == 0) return 1;
        var values = new double[n];
        var fromX = new bool[n];
        x.CopyTo(values, 0);
        y.CopyTo(values, x.Count);
        fromX.AsSpan(0, n1).Fill(true);
        Array.Sort(values, fromX);

        double rankSumX = 0, ties = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && values[j] == values[i]) j++;
            var rank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++) if (fromX[k]) rankSumX += rank;
            double t = j - i;
            ties += t * t * t - t;
            i = j;
        }

        var u = rankSumX - n1 * (n1 + 1) / 2.0;
        var product = (double)n1 * y.Count;
        var variance = product / 12 * (n + 1 - ties / ((double)n * (n - 1)));
        if (variance <= 0) return 1;
        var z = (u - product / 2 - 0.5) / Math.Sqrt(variance);
        return SpecialFunctions.Erfc(z / Math.Sqrt(2)) / 2;
    }
}
