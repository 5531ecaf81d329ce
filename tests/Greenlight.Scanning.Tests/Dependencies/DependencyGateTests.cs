using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class DependencyGateTests
{
    private static readonly FixedTime Now = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));

    private static DependencyFinding Finding(string id, Severity severity, string? cve = null) =>
        new("npm", "pkg", "1.0.0", "package-lock.json", id, cve is null ? [] : [cve], severity, null, null);

    [Theory]
    [InlineData(Severity.High, Severity.Moderate, true)]
    [InlineData(Severity.High, Severity.High, false)]
    [InlineData(Severity.High, Severity.Critical, false)]
    [InlineData(Severity.Low, Severity.Low, false)]
    [InlineData(Severity.Critical, Severity.Unknown, true)]
    public void Evaluate_FindingAgainstThreshold_FailsAtOrAboveMinimum(Severity failAt, Severity found, bool passed)
    {
        var result = new DependencyGate(failAt, time: Now).Evaluate([Finding("GHSA-1", found)]);

        Assert.Equal(passed, result.Passed);
    }

    [Fact]
    public void Evaluate_LiveIgnoreByAlias_SuppressesFinding()
    {
        var ignore = new IgnoreEntry("CVE-2026-1", "not reachable: only used in tests", new DateOnly(2026, 6, 15));

        var result = new DependencyGate(Severity.Low, [ignore], Now).Evaluate([Finding("GHSA-1", Severity.Critical, "CVE-2026-1")]);

        Assert.True(result.Passed);
        Assert.Single(result.Ignored);
        Assert.Empty(result.ExpiredIgnores);
    }

    [Fact]
    public void Evaluate_ExpiredIgnore_NoLongerAppliesAndIsReported()
    {
        var ignore = new IgnoreEntry("GHSA-1", "waiting for upstream fix", new DateOnly(2026, 6, 14));

        var result = new DependencyGate(Severity.High, [ignore], Now).Evaluate([Finding("GHSA-1", Severity.High)]);

        Assert.False(result.Passed);
        Assert.Single(result.Blocking);
        Assert.Empty(result.Ignored);
        Assert.Same(ignore, Assert.Single(result.ExpiredIgnores));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void IgnoreEntry_WithoutReason_Throws(string reason) =>
        Assert.Throws<ArgumentException>(() => new IgnoreEntry("GHSA-1", reason, new DateOnly(2027, 1, 1)));

    [Fact]
    public void IgnoreEntry_WithoutExpiry_Throws() =>
        Assert.Throws<ArgumentException>(() => new IgnoreEntry("GHSA-1", "reason", default));
}
