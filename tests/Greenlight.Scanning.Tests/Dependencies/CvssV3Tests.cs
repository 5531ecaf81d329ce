using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class CvssV3Tests
{
    // Expected scores from the FIRST CVSS v3.1 calculator.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", 3.7)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    public void TryBaseScore_ValidVector_MatchesReferenceCalculator(string vector, double expected)
    {
        Assert.True(CvssV3.TryBaseScore(vector, out var score));
        Assert.Equal(expected, score, precision: 1);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")]
    [InlineData("CVSS:3.1/AV:N/AC:L")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    public void TryBaseScore_UnsupportedOrBrokenVector_ReturnsFalse(string vector) =>
        Assert.False(CvssV3.TryBaseScore(vector, out _));

    [Theory]
    [InlineData(9.8, Severity.Critical)]
    [InlineData(7.0, Severity.High)]
    [InlineData(6.1, Severity.Moderate)]
    [InlineData(3.7, Severity.Low)]
    [InlineData(0.0, Severity.Unknown)]
    public void ToSeverity_Score_MapsToQualitativeRating(double score, Severity expected) =>
        Assert.Equal(expected, CvssV3.ToSeverity(score));

    [Fact]
    public void Load_RecordWithOnlyCvssVector_DerivesSeverityFromScore()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-v", "npm", "lodash", [Osv.Introduced("0")],
            cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));

        Assert.Equal(Severity.Critical, Assert.Single(db.Match(Osv.Npm("lodash", "1.0.0"))).Severity);
    }

    [Fact]
    public void Load_DatabaseSpecificSeverity_WinsOverVector()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-v", "npm", "lodash", [Osv.Introduced("0")],
            severity: "MODERATE", cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));

        Assert.Equal(Severity.Moderate, Assert.Single(db.Match(Osv.Npm("lodash", "1.0.0"))).Severity);
    }
}
