using MathNet.Numerics;

namespace Greenlight.Core.Analysis.Sequential;

/// <summary>
/// The evidence, as a mixture likelihood ratio, about which revision the events (errors, slow requests)
/// come from. Conditioning on the events removes the unknown common rate: if both revisions fail at the
/// same rate p, each event is the canary's with probability share0 = n_canary / (n_canary + n_stable),
/// whatever p is and however it drifts over time (the classical conditional test for two Poisson rates,
/// Przyborowski &amp; Wilenski 1940; its sequential form is Kulldorff et al.'s binomial MaxSPRT, 2011).
/// Stable's rate is thus never taken as known: its own noise is part of the binomial model.
/// </summary>
/// <remarks>
/// Mixing the binomial likelihood ratio over a prior on the canary's share gives a nonnegative martingale
/// under the null (Robbins 1970), so by Ville's inequality it exceeds 1/alpha with probability at most alpha
/// however often it is looked at: the basis of "always valid" inference (Johari, Koomen, Pekelis &amp; Walsh,
/// "Always Valid Inference", 2017/2022; Howard, Ramdas et al., "Time-uniform, nonparametric, nonasymptotic
/// confidence sequences", 2021). A Beta prior is conjugate, so the mixture is exact: a ratio of (incomplete)
/// Beta functions rather than the Gaussian approximation of the original mSPRT, which is poor at the
/// handful of events a small canary yields. One-sided truncated priors make each statistic a supermartingale
/// over its whole composite null, not only at the boundary.
/// </remarks>
internal static class ConditionalMixture
{
    /// <summary>
    /// Shape of the prior. Beta(Shape, Shape·(1-share0)/share0) has mean share0 and makes the canary/stable
    /// rate ratio roughly Gamma(Shape, Shape): with 1 it is exponential, mass spread over ratios of 1.5x-5x,
    /// the regressions a canary exists to catch. A larger shape favours small effects and delays large ones.
    /// </summary>
    public const double PriorShape = 1.0;

    /// <summary>ln of the evidence that the canary's share of events exceeds <paramref name="share"/> (prior on [share, 1]).</summary>
    public static double LogEvidenceAbove(double canaryEvents, double events, double share, double share0) =>
        LogEvidence(canaryEvents, events, share, share0, above: true);

    /// <summary>ln of the evidence that the canary's share of events is below <paramref name="share"/> (prior on [0, share]).</summary>
    public static double LogEvidenceBelow(double canaryEvents, double events, double share, double share0) =>
        LogEvidence(canaryEvents, events, share, share0, above: false);

    /// <summary>The canary's share of events when its rate is <paramref name="ratio"/> times stable's.</summary>
    public static double ShareAtRatio(double ratio, double share0) => share0 * ratio / (share0 * ratio + 1 - share0);

    private static double LogEvidence(double k, double m, double share, double share0, bool above)
    {
        var a = PriorShape;
        var b = PriorShape * (1 - share0) / share0;
        // Posterior Beta(a + k, b + m - k) against the prior, each restricted to the alternative's side of share.
        var logMarginal = SpecialFunctions.BetaLn(a + k, b + m - k) - SpecialFunctions.BetaLn(a, b)
            + LogMass(a + k, b + m - k, share, above) - LogMass(a, b, share, above);
        var logNull = k * Math.Log(share) + (m - k) * Math.Log(1 - share);
        return logMarginal - logNull;
    }

    /// <summary>ln P(X &gt; x) or ln P(X &lt; x) for X ~ Beta(a, b); each tail computed directly, not as 1 - other.</summary>
    private static double LogMass(double a, double b, double x, bool above)
    {
        var mass = above ? SpecialFunctions.BetaRegularized(b, a, 1 - x) : SpecialFunctions.BetaRegularized(a, b, x);
        // The continued fraction may round a vanishing tail to a tiny negative number: that is no evidence at all.
        return Math.Log(Math.Clamp(mass, 0, 1));
    }
}
