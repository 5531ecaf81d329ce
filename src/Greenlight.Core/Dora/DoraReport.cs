namespace Greenlight.Core.Dora;

/// <summary>The four DORA metrics of one app in one environment over [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="Deployments">Changes that reached users and finished in the window.</param>
/// <param name="LeadTime">Median commit-to-completion of the successful ones with a known commit time; null when there is none.</param>
/// <param name="ChangeFailureRate">Failed changes over <paramref name="Deployments"/>; null without any deployment.</param>
/// <param name="RecoveryTime">Median time from a failed change to the environment serving well again; null when nothing recovered.</param>
public sealed record DoraReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Deployments,
    double DeploymentsPerDay,
    DoraBand DeploymentFrequencyBand,
    int LeadTimeSamples,
    TimeSpan? LeadTime,
    DoraBand? LeadTimeBand,
    int FailedDeployments,
    double? ChangeFailureRate,
    DoraBand? ChangeFailureRateBand,
    int Recoveries,
    int Unrecovered,
    TimeSpan? RecoveryTime,
    DoraBand? RecoveryTimeBand)
{
    public string BandSource => DoraBands.Source;
}
