using Greenlight.Scanning.Secrets;

namespace ScanningBench;

/// <summary>Everything one bench run measured; speeds are tree megabytes (10^6 bytes) per second.</summary>
internal sealed record BenchResult(
    GeneratedTree Tree, int Rounds, int Threads, string RipgrepVersion,
    IReadOnlyList<double> GreenlightSeconds, IReadOnlyList<double> RipgrepSeconds,
    double Recall, double RipgrepRecall, IReadOnlyList<SecretFinding> FalsePositives, int RipgrepOtherLines,
    IReadOnlyDictionary<string, (int Found, int Planted)> RecallByRule)
{
    public double TreeMb => Tree.Bytes / 1e6;
    public double GreenlightBest => TreeMb / GreenlightSeconds.Min();
    public double RipgrepBest => TreeMb / RipgrepSeconds.Min();
    public double GreenlightMedian => TreeMb / Median(GreenlightSeconds);
    public double RipgrepMedian => TreeMb / Median(RipgrepSeconds);
    public double Ratio => GreenlightBest / RipgrepBest;

    private static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
