namespace Greenlight.Core.Analysis.Sequential;

/// <summary>
/// What the sequential rate test concluded at one look. <paramref name="FailEvidence"/> is the mixture
/// likelihood ratio (an e-value) against "the canary is not worse", compared with 1/alpha;
/// <paramref name="PassEvidence"/> the one against "the canary is worse by more than the tolerance", compared with 1/beta.
/// </summary>
internal sealed record RateDecision(Verdict Verdict, string Reason, double FailEvidence, double PassEvidence);
