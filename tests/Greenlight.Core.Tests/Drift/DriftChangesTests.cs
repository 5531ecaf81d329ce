using Greenlight.Core.Drift;

namespace Greenlight.Core.Tests.Drift;

public sealed class DriftChangesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<DriftKind> AllChecked = [];

    private static DriftFinding Died(string revision, DateTimeOffset at) => new(DriftKind.RevisionDied, revision, "running", "not running", at);

    private static DriftFinding Route(DateTimeOffset at) => new(DriftKind.RouteChanged, null, "a", "b", at);

    [Fact]
    public void Merge_FirstFound_IsNewAndOpen()
    {
        var changes = DriftChanges.Merge([], [Died("1.0", T0)], AllChecked);

        Assert.Equal([Died("1.0", T0)], changes.New);
        Assert.Equal([Died("1.0", T0)], changes.Open);
        Assert.Empty(changes.Cleared);
    }

    [Fact]
    public void Merge_FoundAgainLater_IsNotNewAndKeepsWhenItWasFirstFound()
    {
        var changes = DriftChanges.Merge([Died("1.0", T0)], [Died("1.0", T0.AddSeconds(30))], AllChecked);

        Assert.Empty(changes.New);
        Assert.Equal(T0, Assert.Single(changes.Open).Since);
        Assert.Equal(T0, Assert.Single(changes.Current).Since);
    }

    [Fact]
    public void Merge_NoLongerFound_IsClearedOnce()
    {
        var changes = DriftChanges.Merge([Died("1.0", T0), Route(T0)], [Route(T0.AddSeconds(30))], AllChecked);

        Assert.Equal([Died("1.0", T0)], changes.Cleared);
        Assert.Equal([Route(T0)], changes.Open);
    }

    [Fact]
    public void Merge_HealedAtOnce_IsToldButNeverStaysOpen()
    {
        var healed = Route(T0) with { Repair = "route put back", Healed = true };

        var changes = DriftChanges.Merge([], [healed], AllChecked);

        Assert.Equal([healed], changes.New);
        Assert.Empty(changes.Open);
        Assert.Empty(changes.Cleared);
    }

    [Fact]
    public void Merge_OpenFindingHealedNow_IsClearedWithItsRepair()
    {
        var changes = DriftChanges.Merge([Route(T0)], [Route(T0.AddSeconds(30)) with { Repair = "route put back", Healed = true }], AllChecked);

        var cleared = Assert.Single(changes.Cleared);
        Assert.Equal("route put back", cleared.Repair);
        Assert.Equal(T0, cleared.Since);
        Assert.Empty(changes.Open);
    }

    [Fact]
    public void Merge_KindNotChecked_ItsFindingStaysAsItWas()
    {
        var changes = DriftChanges.Merge([Route(T0), Died("1.0", T0)], [], new HashSet<DriftKind> { DriftKind.RouteChanged });

        Assert.Equal([Route(T0)], changes.Open);
        Assert.Equal([Route(T0)], changes.Current);
        Assert.Equal([Died("1.0", T0)], changes.Cleared);
    }

    [Fact]
    public void Merge_SameRevisionOtherKind_IsAnotherFinding()
    {
        var files = new DriftFinding(DriftKind.FilesChanged, "1.0", "x", "y", T0);

        var changes = DriftChanges.Merge([Died("1.0", T0)], [Died("1.0", T0), files], AllChecked);

        Assert.Equal([files], changes.New);
    }
}
