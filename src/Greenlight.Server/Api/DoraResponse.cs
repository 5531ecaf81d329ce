using Greenlight.Core.Dora;

namespace Greenlight.Server.Api;

/// <summary>What <c>GET /v1/dora</c> answers: every duration in seconds and every rate as a fraction, as numbers.</summary>
/// <param name="Environment">Null for an app without environments: its rollouts are its production.</param>
/// <param name="FailureWindowSeconds">A change followed within this time by a hotfix or a redeploy of an earlier version failed.</param>
/// <param name="Trend">The window cut into equal slices, oldest first.</param>
public sealed record DoraResponse(
    string App,
    string? Environment,
    string Window,
    DateTimeOffset From,
    DateTimeOffset To,
    double FailureWindowSeconds,
    string BandSource,
    DoraFrequency DeploymentFrequency,
    DoraLeadTime LeadTime,
    DoraFailureRate ChangeFailureRate,
    DoraRecovery RecoveryTime,
    IReadOnlyList<DoraPoint> Trend)
{
    public static DoraResponse Of(string app, string? environment, string window, TimeSpan failureWindow, DoraReport r, IReadOnlyList<DoraReport> trend) =>
        new(app, environment, window, r.From, r.To, failureWindow.TotalSeconds, r.BandSource,
            new(r.Deployments, r.DeploymentsPerDay, r.DeploymentFrequencyBand),
            new(r.LeadTimeSamples, r.LeadTime?.TotalSeconds, r.LeadTimeBand),
            new(r.FailedDeployments, r.Deployments, r.ChangeFailureRate, r.ChangeFailureRateBand),
            new(r.Recoveries, r.Unrecovered, r.RecoveryTime?.TotalSeconds, r.RecoveryTimeBand),
            [.. trend.Select(t => new DoraPoint(t.From, t.To, t.Deployments, t.LeadTime?.TotalSeconds, t.ChangeFailureRate, t.RecoveryTime?.TotalSeconds))]);
}

public sealed record DoraFrequency(int Deployments, double PerDay, DoraBand Band);

/// <param name="Samples">Successful deployments whose commit time is known.</param>
public sealed record DoraLeadTime(int Samples, double? MedianSeconds, DoraBand? Band);

public sealed record DoraFailureRate(int Failed, int Deployments, double? Rate, DoraBand? Band);

public sealed record DoraRecovery(int Recovered, int Unrecovered, double? MedianSeconds, DoraBand? Band);

public sealed record DoraPoint(DateTimeOffset From, DateTimeOffset To, int Deployments, double? LeadTimeSeconds, double? ChangeFailureRate, double? RecoveryTimeSeconds);
