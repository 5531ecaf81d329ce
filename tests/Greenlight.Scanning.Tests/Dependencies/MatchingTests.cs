using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class MatchingTests
{
    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("1.4.9", true)]
    [InlineData("1.5.0", false)]
    [InlineData("0.9.0", false)]
    public void Match_IntroducedFixedRange_AffectsOnlyInside(string version, bool affected)
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-1", "npm", "minimist", [Osv.Introduced("1.0.0"), Osv.Fixed("1.5.0")]));

        Assert.Equal(affected, db.Match(Osv.Npm("minimist", version)).Count == 1);
    }

    [Theory]
    [InlineData("0.0.1", true)]
    [InlineData("2.3.4", true)]
    [InlineData("2.3.5", false)]
    public void Match_LastAffected_IncludesThatVersionOnly(string version, bool affected)
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-2", "npm", "qs", [Osv.Introduced("0"), Osv.LastAffected("2.3.4")]));

        Assert.Equal(affected, db.Match(Osv.Npm("qs", version)).Count == 1);
    }

    [Theory]
    [InlineData("1.2.0", true, "1.2.5")]
    [InlineData("1.3.0", false, null)]
    [InlineData("2.0.1", true, "2.0.3")]
    [InlineData("2.0.3", false, null)]
    public void Match_SeveralEventPairs_EachIntervalHonouredWithItsFix(string version, bool affected, string? fix)
    {
        // Events are deliberately out of order: OSV says to sort them before evaluating.
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-3", "NuGet", "Pkg",
            [Osv.Introduced("2.0.0"), Osv.Fixed("1.2.5"), Osv.Introduced("1.0.0"), Osv.Fixed("2.0.3")]));

        var findings = db.Match(Osv.NuGet("Pkg", version));

        Assert.Equal(affected, findings.Count == 1);
        Assert.Equal(fix, findings.SingleOrDefault()?.FixedVersion);
    }

    [Theory]
    [InlineData("3.1.0", true)]
    [InlineData("3.1", true)]
    [InlineData("3.1.1", false)]
    public void Match_ExplicitVersionsList_MatchesListedVersionsOnly(string version, bool affected)
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-4", "NuGet", "Listed", versions: ["3.0.0", "3.1.0"]));

        Assert.Equal(affected, db.Match(Osv.NuGet("Listed", version)).Count == 1);
    }

    [Theory]
    [InlineData("2.0.0-rc.1", true)]
    [InlineData("2.0.0-rc.2", false)]
    [InlineData("2.0.0", false)]
    [InlineData("2.0.0-beta.9", true)]
    public void Match_NpmPrerelease_OrderedBySemverPrecedence(string version, bool affected)
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-5", "npm", "next", [Osv.Introduced("1.0.0"), Osv.Fixed("2.0.0-rc.2")]));

        Assert.Equal(affected, db.Match(Osv.Npm("next", version)).Count == 1);
    }

    [Theory]
    [InlineData("5.0.0-preview.1", true)]
    [InlineData("5.0.0", false)]
    [InlineData("4.9.9.1", true)]
    public void Match_NuGetPrereleaseAndFourPart_OrderedByNuGetVersion(string version, bool affected)
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-6", "NuGet", "Lib", [Osv.Introduced("0"), Osv.Fixed("5.0.0")]));

        Assert.Equal(affected, db.Match(Osv.NuGet("Lib", version)).Count == 1);
    }

    [Fact]
    public void Match_NuGetIdDifferentCase_StillMatches()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-7", "NuGet", "Newtonsoft.Json", [Osv.Introduced("0"), Osv.Fixed("13.0.1")]));

        Assert.Single(db.Match(Osv.NuGet("newtonsoft.json", "12.0.3")));
    }

    [Fact]
    public void Match_NpmNameDifferentCase_DoesNotMatch()
    {
        // npm names are case-sensitive registry keys; matching loosely would report the wrong package.
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-8", "npm", "lodash", [Osv.Introduced("0")]));

        Assert.Empty(db.Match(Osv.Npm("Lodash", "1.0.0")));
    }

    [Fact]
    public void Match_OtherEcosystemSameName_DoesNotMatch()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-9", "npm", "Pkg", [Osv.Introduced("0")]));

        Assert.Empty(db.Match(Osv.NuGet("Pkg", "1.0.0")));
    }

    [Fact]
    public void Match_Finding_CarriesIdAliasesAndFix()
    {
        using var tree = new TempTree();
        var db = Osv.Database(tree, Osv.Record("GHSA-aa", "npm", "x", [Osv.Introduced("0"), Osv.Fixed("1.0.1")],
            severity: "HIGH", aliases: ["CVE-2024-0001"]));

        var finding = Assert.Single(db.Match(Osv.Npm("x", "1.0.0")));

        Assert.Equal("GHSA-aa", finding.VulnerabilityId);
        Assert.Equal(["CVE-2024-0001"], finding.Aliases);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("1.0.1", finding.FixedVersion);
    }
}
