using System.Text.Json;

namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// Severity of an OSV record: the database's own label (GHSA's database_specific.severity) wins
/// because it is what advisories publish; otherwise the highest CVSS v3 vector decides.
/// </summary>
internal static class SeverityReader
{
    public static Severity FromRecord(JsonElement root) =>
        FromLabel(root) ?? FromVectors(root) ?? Severity.Unknown;

    /// <summary>Per-package override; null when the affected entry says nothing of its own.</summary>
    public static Severity? FromAffected(JsonElement affected) =>
        FromLabel(affected) ?? FromVectors(affected);

    public static Severity? Parse(string? label) => label?.Trim().ToUpperInvariant() switch
    {
        "LOW" => Severity.Low,
        "MODERATE" or "MEDIUM" => Severity.Moderate,
        "HIGH" => Severity.High,
        "CRITICAL" => Severity.Critical,
        _ => null,
    };

    private static Severity? FromLabel(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("database_specific", out var db)
            ? Parse(OsvParser.Str(db, "severity"))
            : null;

    private static Severity? FromVectors(JsonElement e)
    {
        Severity? best = null;
        foreach (var s in OsvParser.Array(e, "severity"))
        {
            // CVSS v4 and v2 vectors are skipped: only v3 has a calculator here.
            if (OsvParser.Str(s, "score") is { } vector && CvssV3.TryBaseScore(vector, out var score))
            {
                var level = CvssV3.ToSeverity(score);
                best = best is null || level > best ? level : best;
            }
        }
        return best;
    }
}
