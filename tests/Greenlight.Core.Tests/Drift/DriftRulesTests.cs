using Greenlight.Core.Drift;
using Greenlight.Core.Traffic;

namespace Greenlight.Core.Tests.Drift;

public sealed class DriftRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static FileSet Files(params (string Path, string Hash)[] files) => new(files.ToDictionary(f => f.Path, f => f.Hash));

    [Fact]
    public void Files_SameFilesListedInAnotherOrder_NoDrift() =>
        Assert.Null(DriftRules.Files("1.0", Files(("a", "1"), ("b", "2")), Files(("b", "2"), ("a", "1")), Now));

    [Fact]
    public void Files_OneChangedOneAddedOneRemoved_NamesEachWithBothDigestsShortened()
    {
        var before = Files(("app.dll", "1"), ("config.json", "2"), ("old.txt", "3"));
        var after = Files(("app.dll", "1"), ("config.json", "9"), ("new.txt", "4"));

        var finding = DriftRules.Files("1.0", before, after, Now)!;

        Assert.Equal(DriftKind.FilesChanged, finding.Kind);
        Assert.Equal("1.0", finding.Revision);
        Assert.Equal($"files {before.Digest[..7]} (3 files, as at its start)", finding.Expected);
        Assert.Equal($"files {after.Digest[..7]}: changed config.json; added new.txt; removed old.txt", finding.Found);
        Assert.Equal(Now, finding.Since);
    }

    [Fact]
    public void Files_ManyChanged_NamesFiveAndCountsTheRest()
    {
        var before = Files([.. Enumerable.Range(0, 8).Select(i => ($"f{i}", "old"))]);
        var after = Files([.. Enumerable.Range(0, 8).Select(i => ($"f{i}", "new"))]);

        Assert.EndsWith(": changed f0, f1, f2, f3, f4 (and 3 more)", DriftRules.Files("1.0", before, after, Now)!.Found);
    }

    [Fact]
    public void Files_WorkingDirectoryGone_SaysSo() =>
        Assert.EndsWith(": the working directory /srv/app does not exist",
            DriftRules.Files("1.0", Files(("a", "1")), new FileSet(new Dictionary<string, string>(), Problem: "the working directory /srv/app does not exist"), Now)!.Found);

    [Fact]
    public void Files_WalkStoppedAtALimit_TheLimitIsNamed() =>
        Assert.EndsWith("; the walk stopped at 20000 files",
            DriftRules.Files("1.0", Files(("a", "1")), new FileSet(new Dictionary<string, string> { ["a"] = "2" }, Limit: "the walk stopped at 20000 files"), Now)!.Found);

    [Fact]
    public void Gone_NothingOnItsPort_TheRevisionDied()
    {
        var finding = DriftRules.Gone("1.0", 4242, 40001, Now.AddHours(-1), portAnswers: false, Now);

        Assert.Equal(DriftKind.RevisionDied, finding.Kind);
        Assert.Equal("pid 4242 running (started 2025-03-01 11:00:00Z)", finding.Expected);
        Assert.Equal("pid 4242 is not running", finding.Found);
    }

    [Fact]
    public void Gone_AnotherProcessAnswersOnItsPort_ItWasReplacedByHand() =>
        Assert.Equal(DriftKind.RevisionReplaced, DriftRules.Gone("1.0", 4242, 40001, Now, portAnswers: true, Now).Kind);

    private static AppRoute Route(params (string Revision, int Port, int Weight)[] backends) =>
        new("shop", "127.0.0.1:8080", [.. backends.Select(b => new RouteBackend(b.Revision, new Uri($"http://127.0.0.1:{b.Port}/"), b.Weight))]);

    [Fact]
    public void Route_SameTableBackendsInAnotherOrder_NoDrift() =>
        Assert.Null(DriftRules.Route(Route(("1.0", 1, 0), ("2.0", 2, 100)), Route(("2.0", 2, 100), ("1.0", 1, 0)) with { Matches = [] }, Now));

    [Fact]
    public void Route_NeverSet_NothingToCompareWith() => Assert.Null(DriftRules.Route(null, Route(("1.0", 1, 100)), Now));

    [Fact]
    public void Route_WeightsFlippedByHand_ExpectedAndFoundShowTheSplits()
    {
        var set = Route(("1.0", 40001, 0), ("2.0", 40002, 100));
        var found = Route(("1.0", 40001, 100), ("2.0", 40002, 0));

        var finding = DriftRules.Route(set, found, Now)!;

        Assert.Equal(DriftKind.RouteChanged, finding.Kind);
        Assert.Null(finding.Revision);
        Assert.Equal($"2.0 127.0.0.1:40002 100%, 1.0 127.0.0.1:40001 0% (route {RouteText.Digest(set)[..7]})", finding.Expected);
        Assert.Equal($"1.0 127.0.0.1:40001 100%, 2.0 127.0.0.1:40002 0% (route {RouteText.Digest(found)[..7]})", finding.Found);
    }

    [Fact]
    public void Route_HeaderRouteAdded_IsDriftAndItsValueIsNeverShown()
    {
        var set = Route(("1.0", 1, 100));
        var found = set with { Matches = [new MatchRoute("1.0", "X-Tester", null, "s3cr3t-token")], Sticky = new StickyRoute("gl", null) };

        var finding = DriftRules.Route(set, found, Now)!;

        Assert.Contains("sticky cookie gl; header X-Tester to 1.0", finding.Found);
        Assert.DoesNotContain("s3cr3t-token", finding.Found);
    }

    [Fact]
    public void Route_EdgeHasNoneForTheApp_IsDrift() =>
        Assert.Equal("no route for the app", DriftRules.Route(Route(("1.0", 1, 100)), null, Now)!.Found);

    [Fact]
    public void Secrets_SameVersions_NoDrift() =>
        Assert.Null(DriftRules.Secrets("1.0", new Dictionary<string, string> { ["DB"] = "3" }, new Dictionary<string, string> { ["DB"] = "3", ["OTHER"] = "1" }, Now));

    [Fact]
    public void Secrets_RotatedAndRemoved_NamesAndVersionsOnly()
    {
        var started = new Dictionary<string, string> { ["DB_PASSWORD"] = "3", ["API_KEY"] = "1", ["SAME"] = "7" };
        var current = new Dictionary<string, string> { ["DB_PASSWORD"] = "4", ["SAME"] = "7" };

        var finding = DriftRules.Secrets("1.0", started, current, Now)!;

        Assert.Equal(DriftKind.SecretRotated, finding.Kind);
        Assert.Equal("API_KEY version 1, DB_PASSWORD version 3", finding.Expected);
        Assert.Equal("API_KEY gone from the store, DB_PASSWORD version 4", finding.Found);
    }
}
