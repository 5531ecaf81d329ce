namespace Greenlight.Core.Manifest;

/// <summary>
/// A canary: the new revision takes a growing share of real traffic step by step, judged by the
/// analysis, and is promoted or pulled back on its own.
/// </summary>
/// <param name="WarmFor">How long the previous revision keeps running after promotion (default 0: stopped at once).</param>
public sealed record CanarySpec(
    IReadOnlyList<CanaryStep> Steps,
    StickySpec? Sticky,
    HeaderRouteSpec? HeaderRoute,
    TimeSpan WarmFor);

public enum CanaryStepKind { SetWeight, Pause, Analysis }

/// <summary>
/// One step. SetWeight: <paramref name="Weight"/> percent to the canary. Pause: for
/// <paramref name="Duration"/>, or until <c>greenlight promote</c> when null. Analysis: judge the
/// canary against stable until a verdict, for at most <paramref name="Duration"/>.
/// </summary>
public sealed record CanaryStep(CanaryStepKind Kind, int Weight = 0, TimeSpan? Duration = null)
{
    /// <summary>At 100 req/s and a 5% canary, the default judges decide a healthy canary within this in 99% of cases
    /// (bench/analysis); a shorter limit rolls good canaries back for want of traffic.</summary>
    public static readonly TimeSpan DefaultAnalysisDuration = TimeSpan.FromMinutes(10);

    public override string ToString() => Kind switch
    {
        CanaryStepKind.SetWeight => $"setWeight {Weight}%",
        CanaryStepKind.Pause => Duration is { } d ? $"pause {DurationText.Format(d)}" : "pause until promoted",
        _ => $"analysis (at most {DurationText.Format(Duration ?? TimeSpan.Zero)})",
    };
}

/// <summary>A user who landed on a revision stays on it: by cookie, or by hashing a header such as a user id.</summary>
public sealed record StickySpec(string Cookie, string? Header);

/// <summary>Requests whose header (or cookie) has this value go to the canary whatever its weight: testers.</summary>
public sealed record HeaderRouteSpec(string? Header, string? Cookie, string Value);
