namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// CVSS v3.0/v3.1 base score from a vector string, per the FIRST specification (section 7).
/// Many OSV records carry only the vector, so the gate needs the score to rank them.
/// </summary>
internal static class CvssV3
{
    public static bool TryBaseScore(string vector, out double score)
    {
        score = 0;
        if (!vector.StartsWith("CVSS:3.", StringComparison.Ordinal))
        {
            return false;
        }
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in vector.Split('/').Skip(1))
        {
            var kv = part.Split(':');
            if (kv.Length == 2)
            {
                metrics[kv[0]] = kv[1];
            }
        }
        if (!TryGet(metrics, out var m))
        {
            return false;
        }
        var scopeChanged = m.S == "C";
        double iss = 1 - ((1 - m.C) * (1 - m.I) * (1 - m.A));
        double impact = scopeChanged
            ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15))
            : 6.42 * iss;
        double pr = m.PR switch
        {
            "L" => scopeChanged ? 0.68 : 0.62,
            "H" => scopeChanged ? 0.50 : 0.27,
            _ => 0.85,
        };
        double exploitability = 8.22 * m.AV * m.AC * pr * m.UI;
        if (impact <= 0)
        {
            score = 0;
            return true;
        }
        score = scopeChanged
            ? RoundUp(Math.Min(1.08 * (impact + exploitability), 10))
            : RoundUp(Math.Min(impact + exploitability, 10));
        return true;
    }

    /// <summary>Qualitative rating from the CVSS v3 specification; 0.0 ("None") has no level.</summary>
    public static Severity ToSeverity(double score) => score switch
    {
        >= 9.0 => Severity.Critical,
        >= 7.0 => Severity.High,
        >= 4.0 => Severity.Moderate,
        > 0.0 => Severity.Low,
        _ => Severity.Unknown,
    };

    // CVSS 3.1 Roundup: integer arithmetic avoids 4.000000001 becoming 4.1.
    private static double RoundUp(double value)
    {
        long scaled = (long)Math.Round(value * 100000);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }

    private static bool TryGet(Dictionary<string, string> v, out Metrics m)
    {
        m = default;
        if (!v.TryGetValue("AV", out var av) || !v.TryGetValue("AC", out var ac) || !v.TryGetValue("PR", out var pr)
            || !v.TryGetValue("UI", out var ui) || !v.TryGetValue("S", out var s) || !v.TryGetValue("C", out var c)
            || !v.TryGetValue("I", out var i) || !v.TryGetValue("A", out var a))
        {
            return false;
        }
        double? avW = av switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? acW = ac switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? uiW = ui switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? cW = Cia(c), iW = Cia(i), aW = Cia(a);
        if (avW is null || acW is null || uiW is null || cW is null || iW is null || aW is null
            || pr is not ("N" or "L" or "H") || s is not ("U" or "C"))
        {
            return false;
        }
        m = new Metrics(avW.Value, acW.Value, pr, uiW.Value, s, cW.Value, iW.Value, aW.Value);
        return true;
    }

    private static double? Cia(string value) => value switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };

    private readonly record struct Metrics(double AV, double AC, string PR, double UI, string S, double C, double I, double A);
}
