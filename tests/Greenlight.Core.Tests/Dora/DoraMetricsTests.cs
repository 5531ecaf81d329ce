using Greenlight.Core.Dora;

namespace Greenlight.Core.Tests.Dora;

public class DoraMetricsTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = DoraMetrics.DefaultFailureWindow;

    private static Deployment At(string id, string version, double startDay, double hours, DeploymentOutcome outcome = DeploymentOutcome.Succeeded,
        bool hotfix = false, double? committedHoursBefore = null)
    {
        var start = Day0.AddDays(startDay);
        return new(id, version, hotfix, outcome, start, start.AddHours(hours), committedHoursBefore is { } h ? start.AddHours(-h) : null);
    }

    private static DoraReport Month(params Deployment[] history) => DoraMetrics.Compute(history, Day0, Day0.AddDays(30), Window);

    [Fact]
    public void Compute_DailySuccessfulDeploys_CountsThemAndIsElite()
    {
        var report = Month([.. Enumerable.Range(0, 30).Select(i => At($"r{i}", $"1.{i}", i, 1))]);

        Assert.Equal(30, report.Deployments);
        Assert.Equal(1.0, report.DeploymentsPerDay, 6);
        Assert.Equal(DoraBand.Elite, report.DeploymentFrequencyBand);
        Assert.Equal(0, report.FailedDeployments);
        Assert.Equal(0.0, report.ChangeFailureRate);
        Assert.Equal(DoraBand.Elite, report.ChangeFailureRateBand);
        Assert.Null(report.RecoveryTime);
    }

    [Fact]
    public void Compute_LeadTime_IsTheMedianFromCommitToCompletion()
    {
        // Commits 1h, 3h and 100h before a one-hour deployment: lead times 2h, 4h, 101h; median 4h.
        var report = Month(At("a", "1.0", 1, 1, committedHoursBefore: 1), At("b", "1.1", 2, 1, committedHoursBefore: 3),
            At("c", "1.2", 3, 1, committedHoursBefore: 100), At("d", "1.3", 4, 1));

        Assert.Equal(3, report.LeadTimeSamples);
        Assert.Equal(TimeSpan.FromHours(4), report.LeadTime);
        Assert.Equal(DoraBand.Elite, report.LeadTimeBand);
    }

    [Fact]
    public void Compute_RolledBackAndFailedAfterUsers_AreFailuresWithTheirRecovery()
    {
        var report = Month(
            At("a", "1.0", 1, 1),
            At("b", "1.1", 2, 0.5, DeploymentOutcome.RolledBack),      // recovered by its own rollback: 30 min
            At("c", "1.2", 3, 2, DeploymentOutcome.FailedAfterUsers),  // recovered when d completes: day 5 + 1h - day 3
            At("d", "1.3", 5, 1));

        Assert.Equal(4, report.Deployments);
        Assert.Equal(2, report.FailedDeployments);
        Assert.Equal(0.5, report.ChangeFailureRate);
        Assert.Equal(DoraBand.Low, report.ChangeFailureRateBand);
        Assert.Equal(2, report.Recoveries);
        Assert.Equal((TimeSpan.FromMinutes(30) + TimeSpan.FromHours(49)) / 2, report.RecoveryTime);
    }

    [Fact]
    public void Compute_SuccessFollowedByHotfixWithinTheWindow_IsAFailure_LaterIsNot()
    {
        var soon = Month(At("a", "1.0", 1, 1), At("b", "1.1", 1.25, 1, hotfix: true));
        var late = Month(At("a", "1.0", 1, 1), At("b", "1.1", 3, 1, hotfix: true));

        Assert.Equal(1, soon.FailedDeployments);
        // From a's completion (day 1 + 1h) to the hotfix's (day 1.25 + 1h): 6 hours.
        Assert.Equal(TimeSpan.FromHours(6), soon.RecoveryTime);
        Assert.Equal(DoraBand.High, soon.RecoveryTimeBand);
        Assert.Equal(0, late.FailedDeployments);
    }

    [Fact]
    public void Compute_RedeployOfAnEarlierVersion_CountsAsRollingTheChangeBack()
    {
        var report = Month(At("a", "1.0", 1, 1), At("b", "1.1", 2, 1), At("c", "1.0", 2.1, 0.5));

        Assert.Equal(1, report.FailedDeployments);
        Assert.Equal(1.0 / 3, report.ChangeFailureRate!.Value, 6);
    }

    [Fact]
    public void Compute_FailureNotYetRecovered_IsCountedButHasNoRecoveryTime()
    {
        var report = Month(At("a", "1.0", 1, 1), At("b", "1.1", 2, 1, DeploymentOutcome.FailedAfterUsers));

        Assert.Equal(1, report.FailedDeployments);
        Assert.Equal(1, report.Unrecovered);
        Assert.Null(report.RecoveryTime);
    }

    [Fact]
    public void Compute_ChangesThatNeverServedOrStillRun_AreNoDeployments()
    {
        var report = Month(At("a", "1.0", 1, 1, DeploymentOutcome.NeverServed), new Deployment("b", "1.1", false, DeploymentOutcome.Running, Day0.AddDays(2), null));

        Assert.Equal(0, report.Deployments);
        Assert.Null(report.ChangeFailureRate);
        Assert.Null(report.LeadTime);
        Assert.Equal(DoraBand.Low, report.DeploymentFrequencyBand);
    }

    [Fact]
    public void Compute_OnlyCountsDeploymentsFinishedInTheWindow()
    {
        var report = DoraMetrics.Compute([At("old", "0.9", -3, 1), At("a", "1.0", 1, 1), At("next", "1.1", 8, 1)], Day0, Day0.AddDays(7), Window);

        Assert.Equal(1, report.Deployments);
        Assert.Equal(DoraBand.High, report.DeploymentFrequencyBand);
    }

    [Fact]
    public void Trend_SplitsTheWindowIntoSlicesOldestFirst()
    {
        var trend = DoraMetrics.Trend([At("a", "1.0", 1, 1), At("b", "1.1", 2, 1), At("c", "1.2", 20, 1)], Day0, Day0.AddDays(30), Window, 3);

        Assert.Equal([2, 0, 1], trend.Select(t => t.Deployments));
        Assert.Equal(Day0.AddDays(30), trend[^1].To);
    }

    [Fact]
    public void Compute_EmptyWindow_IsRefused() =>
        Assert.Throws<ArgumentException>(() => DoraMetrics.Compute([], Day0, Day0, Window));
}
