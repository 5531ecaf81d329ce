using Greenlight.Core.Access;
using Greenlight.Core.Audit;
using Greenlight.Core.Delivery;
using Greenlight.Core.Drift;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Audit;
using Greenlight.Engine.Secrets;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Tests.State;

/// <summary>
/// What every state store does, the same on each engine: each test here runs once per engine (SQLite, PostgreSQL)
/// through a subclass that says how to open a fresh store.
/// </summary>
public abstract class StateStoreContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-01T10:00:00Z");

    /// <summary>A store on this test's database; opened again, the same database.</summary>
    protected abstract IStateStore Open(SecretValues? secrets = null);

    /// <summary>Where the audit signing key of the store is.</summary>
    protected abstract string StateDirectory { get; }

    private static RevisionRecord Revision(string version) =>
        new("shop", version, 0, 0, 0, "/tmp/shop.log", RevisionStatus.Stopped, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Instances_OfOneRevision_AreRecordedApart_AndTheFirstStandsForTheRevision()
    {
        var store = Open();
        foreach (var instance in new[] { 2, 0, 1 })
            await store.SaveRevisionAsync(Revision("1.0") with { Instance = instance, Pid = 100 + instance, Status = RevisionStatus.Running }, Ct);

        var second = (await store.ListInstancesAsync("shop", "1.0", Ct))[1];
        Assert.True(await store.SetRevisionStatusAsync(second, RevisionStatus.Dead, Ct));

        var instances = await store.ListInstancesAsync("shop", "1.0", Ct);
        Assert.Equal([(0, 100, RevisionStatus.Running), (1, 101, RevisionStatus.Dead), (2, 102, RevisionStatus.Running)],
            instances.Select(r => (r.Instance, r.Pid, r.Status)));
        Assert.Equal(100, (await store.GetRevisionAsync("shop", "1.0", Ct))?.Pid);
        Assert.Equal(3, (await store.ListRevisionsAsync("shop", Ct)).Count);
    }

    [Fact]
    public async Task ListRevisions_InstancesStartedOutOfOrder_ListsEachRevisionTogetherInInstanceOrder()
    {
        var store = Open();
        await store.SaveRevisionAsync(Revision("1.0") with { Instance = 1, StartedAt = T0 }, Ct);
        await store.SaveRevisionAsync(Revision("1.0") with { StartedAt = T0.AddSeconds(1) }, Ct);
        await store.SaveRevisionAsync(Revision("2.0") with { StartedAt = T0.AddSeconds(2) }, Ct);
        // Instance 2 of 1.0 restarted on its own after 2.0 had started.
        await store.SaveRevisionAsync(Revision("1.0") with { Instance = 2, StartedAt = T0.AddSeconds(3) }, Ct);

        var listed = await store.ListRevisionsAsync("shop", Ct);

        Assert.Equal([("1.0", 0), ("1.0", 1), ("1.0", 2), ("2.0", 0)], listed.Select(r => (r.Version, r.Instance)));
    }

    [Fact]
    public async Task SetRevisionStatus_RevisionStartedAgainMeanwhile_ChangesNothingAndSaysSo()
    {
        var store = Open();
        var seen = Revision("1.0") with { Pid = 10, StartTime = 5, Status = RevisionStatus.Running, LaunchId = "l1", ManifestDigest = "d1" };
        await store.SaveRevisionAsync(seen, Ct);
        await store.SaveRevisionAsync(seen with { Pid = 11, StartTime = 6, Status = RevisionStatus.Starting }, Ct); // started again

        Assert.False(await store.SetRevisionStatusAsync(seen, RevisionStatus.Dead, Ct));
        var now = await store.GetRevisionAsync("shop", "1.0", Ct);
        Assert.Equal(seen with { Pid = 11, StartTime = 6, Status = RevisionStatus.Starting }, now);
        Assert.Equal(["shop"], await store.ListAppsAsync(Ct));
    }

    [Fact]
    public async Task SaveManifest_SameDigestTwice_KeepsTheFirstAndReadsItBackWithoutAModel()
    {
        var store = Open();
        var snapshot = new ManifestSnapshot("ab12", "/srv/shop/greenlight.yaml", "app: shop\n", "c0ffee", Uncommitted: true);

        await store.SaveManifestAsync("shop", snapshot, Ct);
        await store.SaveManifestAsync("shop", snapshot with { File = "/elsewhere.yaml" }, Ct);

        Assert.Equal(snapshot, await store.GetManifestAsync("ab12", Ct));
        Assert.Null(await store.GetManifestAsync("cd34", Ct));
    }

    [Fact]
    public async Task SaveRollout_ReasonAndEventsQuotingAKnownSecret_AreStoredMasked()
    {
        var secrets = new SecretValues();
        secrets.AddConnectionString("Host=db;Username=shop;Password=tulip-garden");
        var store = Open(secrets);
        var rollout = Rollout.Create("rl-1", "shop", "2.0", null, TimeSpan.FromHours(1), DateTimeOffset.UnixEpoch) with
        {
            Reason = "expand migration V2__x.sql failed: cannot connect to Host=db;Username=shop;Password=tulip-garden",
        };

        await store.SaveRolloutAsync(rollout, ["password tulip-garden refused"], Ct);
        await store.AppendEventAsync("rl-1", "retrying Host=db;Username=shop;Password=tulip-garden", null, Ct);

        Assert.Equal("expand migration V2__x.sql failed: cannot connect to ****", (await store.GetRolloutAsync("rl-1", Ct))?.Reason);
        Assert.Equal(["password **** refused", "retrying ****"], (await store.GetEventsAsync("rl-1", 0, Ct)).Select(e => e.Message));
    }

    [Fact]
    public async Task ListRollouts_NewestFirstTiesInSavingOrder_AndUnfinishedOldestFirstWithoutTerminalOnes()
    {
        var store = Open();
        foreach (var (id, at) in new[] { ("a", T0), ("b", T0.AddMinutes(1)), ("c", T0.AddMinutes(1)), ("d", T0.AddMinutes(2)) })
            await store.SaveRolloutAsync(Rollout.Create(id, "shop", "1." + id, null, TimeSpan.Zero, at), [], Ct);
        var done = (await store.GetRolloutAsync("d", Ct))! with { Phase = RolloutPhase.Completed };
        await store.SaveRolloutAsync(done, ["completed"], Ct); // saved again: an update, not a new row

        Assert.Equal(["d", "c", "b"], (await store.ListRolloutsAsync("shop", 3, Ct)).Select(r => r.Id));
        Assert.Equal(["a", "b", "c"], (await store.ListUnfinishedAsync("shop", Ct)).Select(r => r.Id));
        Assert.Equal(RolloutPhase.Completed, (await store.GetRolloutAsync("d", Ct))?.Phase);
        Assert.Empty(await store.ListRolloutsAsync("other", 10, Ct));
    }

    [Fact]
    public async Task AppendEvent_ManyAtOnce_IdsGrowInTheOrderTheyBecomeVisible()
    {
        var store = Open();
        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => store.AppendEventAsync("rl-1", $"line {i}", i, Ct)));
        await store.AppendEventAsync("rl-2", "elsewhere", null, Ct);

        var events = await store.GetEventsAsync("rl-1", 0, Ct);
        Assert.Equal(ids.Order(), events.Select(e => e.Id));
        Assert.Equal(24, ids.Distinct().Count());
        var after = await store.GetEventsAsync("rl-1", ids.Order().ElementAt(20), Ct);
        Assert.Equal(3, after.Count);
        Assert.All(events, e => Assert.Equal(double.Parse(e.Message["line ".Length..]), e.DurationMs));
    }

    [Fact]
    public async Task SaveRelease_FirstSaveWritesItsNoticeOnce_AndListsNewestFirstOrUnfinishedOldestFirst()
    {
        var store = Open();
        var manifest = ManifestLoader.Parse("app: shop\nrun: {command: dotnet}\nedge: {listen: \"127.0.0.1:1\"}\nenvironments: [{name: production}]\n",
            Path.Combine(StateDirectory, "greenlight.yaml")).Manifest!;
        var first = Release.Create("rs-1", "shop", "1.0", "digest", false, manifest, T0);
        var second = Release.Create("rs-2", "shop", "2.0", "digest", false, manifest, T0.AddMinutes(1));

        await store.SaveReleaseAsync(first, ["requested"], Ct);
        await store.SaveReleaseAsync(first, ["saved again"], Ct);
        await store.SaveReleaseAsync(second, [], Ct);

        Assert.Equal(["rs-2", "rs-1"], (await store.ListReleasesAsync("shop", 10, unfinishedOnly: false, Ct)).Select(r => r.Id));
        Assert.Equal(["rs-1", "rs-2"], (await store.ListReleasesAsync("shop", 10, unfinishedOnly: true, Ct)).Select(r => r.Id));
        Assert.Equal("1.0", (await store.GetReleaseAsync("rs-1", Ct))?.Version);
        Assert.Equal(["requested", "saved again"], (await store.GetEventsAsync("rs-1", 0, Ct)).Select(e => e.Message));
        var notices = await store.ListUnroutedNoticesAsync("shop", Ct);
        Assert.Equal(["rs-1", "rs-2"], notices.Select(n => n.Notice.ReleaseId));
        Assert.All(notices, n => Assert.Equal("digest", n.ManifestDigest));
    }

    [Fact]
    public async Task RouteNotice_ThenRecordDeliveries_PendingOnesAreThoseNeitherSentNorGivenUp()
    {
        var store = Open();
        File.WriteAllText(Path.Combine(StateDirectory, "slack.url"), "http://127.0.0.1:1/slack");
        File.WriteAllText(Path.Combine(StateDirectory, "hook.url"), "http://127.0.0.1:1/hook");
        var manifest = ManifestLoader.Parse("""
            app: shop
            run: {command: dotnet}
            edge: {listen: "127.0.0.1:1"}
            environments: [{name: production}]
            notifications:
              - {name: team, type: slack, url: "file:slack.url"}
              - {name: hooks, type: teams, url: "file:hook.url"}
            """, Path.Combine(StateDirectory, "greenlight.yaml")).Manifest ?? throw new InvalidOperationException("the test manifest is invalid");
        await store.SaveReleaseAsync(Release.Create("rs-1", "shop", "1.0", "digest", false, manifest, T0), [], Ct);
        var notice = Assert.Single(await store.ListUnroutedNoticesAsync("shop", Ct)).Notice;

        await store.RouteNoticeAsync(notice.Id, manifest.Notifications, T0, Ct);
        await store.RecordDeliveryAsync(notice.Id, "team", DeliveryStatus.Sent, 1, T0, null, Ct);
        await store.RecordDeliveryAsync(notice.Id, "hooks", DeliveryStatus.Pending, 2, T0.AddSeconds(30), "HTTP 503", Ct);

        Assert.Empty(await store.ListUnroutedNoticesAsync("shop", Ct));
        var pending = Assert.Single(await store.ListPendingDeliveriesAsync("shop", Ct));
        Assert.Equal(("hooks", 2, T0.AddSeconds(30), "HTTP 503"), (pending.Channel.Name, pending.Attempts, pending.NextAt, pending.Problem));
        Assert.Equal([("hooks", DeliveryStatus.Pending), ("team", DeliveryStatus.Sent)],
            (await store.ListDeliveriesAsync("shop", Ct)).Select(d => (d.Channel.Name, d.Status)));
    }

    [Fact]
    public async Task PipelineRuns_NewestFirst_AndOnlyRunningOnesAreUnfinished()
    {
        var store = Open();
        PipelineRun Run(string id, PipelineStatus status, DateTimeOffset at) => new(id, "shop", "1.0", null, "d", status, at, null, []);
        await store.SavePipelineRunAsync(Run("pl-1", PipelineStatus.Running, T0), Ct);
        await store.SavePipelineRunAsync(Run("pl-2", PipelineStatus.Running, T0.AddMinutes(1)), Ct);
        await store.SavePipelineRunAsync(Run("pl-1", PipelineStatus.Passed, T0), Ct);

        Assert.Equal(["pl-2", "pl-1"], (await store.ListPipelineRunsAsync("shop", 10, Ct)).Select(r => r.Id));
        Assert.Equal(["pl-2"], (await store.ListUnfinishedPipelineRunsAsync(Ct)).Select(r => r.Id));
        Assert.Equal(PipelineStatus.Passed, (await store.GetPipelineRunAsync("pl-1", Ct))?.Status);
    }

    [Fact]
    public async Task SaveDrift_NewFindingWritesANotice_ReplacedFindingsAreKeptMasked()
    {
        var secrets = new SecretValues();
        secrets.AddConnectionString("Host=db;Password=tulip-garden");
        var store = Open(secrets);
        var died = new DriftFinding(DriftKind.RevisionDied, "1.0", "running", "no process", T0);
        var files = new DriftFinding(DriftKind.FilesChanged, "1.0", "x", "Password=tulip-garden", T0.AddSeconds(1));

        await store.SaveDriftAsync("shop", [died], Ct);
        await store.SaveDriftAsync("shop", [died, files], Ct);

        Assert.Equal(2, (await store.ListUnroutedNoticesAsync("shop", Ct)).Count); // one per finding, not per save
        var open = await store.ListDriftAsync("shop", Ct);
        Assert.Equal([DriftKind.RevisionDied, DriftKind.FilesChanged], open.Select(f => f.Kind));
        Assert.DoesNotContain("tulip-garden", open[1].Found);
        await store.SaveDriftAsync("shop", [], Ct);
        Assert.Empty(await store.ListDriftAsync("shop", Ct));
    }

    [Fact]
    public async Task RouteSetAndFingerprints_AreReplacedBySavingAgain_AndForgotten()
    {
        var store = Open();
        var route = new Core.Traffic.AppRoute("shop", "127.0.0.1:1", [new Core.Traffic.RouteBackend("1.0", new Uri("http://127.0.0.1:2/"), -1)]);
        var moved = route with { Listen = "127.0.0.1:3" };
        await store.SaveRouteSetAsync(route, T0, Ct);
        await store.SaveRouteSetAsync(moved, T0.AddMinutes(1), Ct);
        var print = new RevisionFingerprint("shop", "1.0", "d1", new FileSet(new Dictionary<string, string>()), new Dictionary<string, string>(), null, new Dictionary<string, string>(), T0);
        await store.SaveFingerprintAsync(print, Ct);
        await store.SaveFingerprintAsync(print with { ManifestDigest = "d2" }, Ct);

        var set = await store.GetRouteSetAsync("shop", Ct);
        Assert.Equal(("127.0.0.1:3", T0.AddMinutes(1)), (set?.Route.Listen, set?.At));
        Assert.Equal("d2", (await store.GetFingerprintAsync("shop", "1.0", Ct))?.ManifestDigest);
        await store.ForgetRouteSetAsync("shop", Ct);
        Assert.Null(await store.GetRouteSetAsync("shop", Ct));
        Assert.Null(await store.GetFingerprintAsync("shop", "2.0", Ct));
    }

    [Fact]
    public async Task Identity_PrincipalsGrantsAndTokens_DisablingRevokesTheTokensAtOnce()
    {
        var store = Open();
        Assert.True(await store.AddPrincipalAsync(new Principal("alice", PrincipalKind.User, T0), Ct));
        Assert.False(await store.AddPrincipalAsync(new Principal("alice", PrincipalKind.Service, T0), Ct));
        await store.AddPrincipalAsync(new Principal("ci", PrincipalKind.Service, T0), Ct);
        var grant = new RoleGrant("alice", Role.Deployer, "shop", "production");
        await store.GrantAsync(grant, T0, Ct);
        await store.GrantAsync(grant, T0, Ct);
        await store.GrantAsync(new RoleGrant("ci", Role.Viewer, "*", "*"), T0, Ct);
        await store.AddTokenAsync(new ApiToken("tok_a", "alice", T0, T0.AddDays(1)), "hash-a", Ct);
        await store.AddTokenAsync(new ApiToken("tok_c", "ci", T0, null), "hash-c", Ct);
        await store.TouchTokenAsync("tok_c", T0.AddHours(1), Ct);

        Assert.True(await store.DisablePrincipalAsync("alice", T0.AddHours(2), Ct));
        Assert.False(await store.DisablePrincipalAsync("nobody", T0, Ct));
        Assert.False(await store.RevokeTokenAsync("tok_a", T0, Ct)); // revoked already, with alice

        Assert.Equal(T0.AddHours(2), (await store.GetPrincipalAsync("alice", Ct))?.DisabledAt);
        Assert.Equal(["alice", "ci"], (await store.ListPrincipalsAsync(Ct)).Select(p => p.Name));
        Assert.Equal([grant], await store.ListGrantsAsync("alice", Ct));
        Assert.Equal(2, (await store.ListGrantsAsync(null, Ct)).Count);
        Assert.True(await store.UngrantAsync(grant, Ct));
        Assert.False(await store.UngrantAsync(grant, Ct));
        Assert.Equal(T0.AddHours(2), (await store.FindTokenAsync("hash-a", Ct))?.RevokedAt);
        Assert.Equal(T0.AddHours(1), (await store.GetTokenAsync("tok_c", Ct))?.LastUsedAt);
        Assert.Equal(["tok_a", "tok_c"], (await store.ListTokensAsync(null, Ct)).Select(t => t.Id));
        Assert.Equal(["tok_c"], (await store.ListTokensAsync("ci", Ct)).Select(t => t.Id));
    }

    [Fact]
    public async Task RevisionSecrets_SavedAgain_ReplaceWhatTheEarlierStartRecorded()
    {
        var store = Open();
        await store.SaveRevisionSecretsAsync("shop", "1.0", [new SecretUse("DB", "vault:db", "3"), new SecretUse("API", "file:api", null)], Ct);
        await store.SaveRevisionSecretsAsync("shop", "1.0", [new SecretUse("DB", "vault:db", "4")], Ct);

        Assert.Equal([new SecretUse("DB", "vault:db", "4")], await store.GetRevisionSecretsAsync("shop", "1.0", Ct));
        Assert.Empty(await store.GetRevisionSecretsAsync("shop", "2.0", Ct));
    }

    [Fact]
    public async Task Audit_AppendsFromTwoStoresOnOneDatabase_FormOneVerifiableChain()
    {
        var (first, second) = (Open(), Open());
        for (var i = 1; i <= 6; i++)
            await (i % 2 == 0 ? second : first).AppendAsync(new AuditRecord("alice", "POST /v1/releases", $"release rs-{i}", "ok"), Ct);
        await first.CheckpointAuditAsync(Ct);

        var result = (await AuditExport.OfStoreAsync(second, StateDirectory, null, Ct)).Verify(whole: true);
        Assert.True(result.Ok, result.Problem?.ToString());
        Assert.Equal(6, result.LastSeq);
        Assert.False(await second.CheckpointAuditAsync(Ct)); // the head is signed already
        Assert.Equal([5L, 4], (await first.ReadLatestAuditAsync(6, 2, Ct)).Select(line => AuditEntry.Parse(line).Seq));
        Assert.Equal(6, (await first.ReadAuditAsync(DateTimeOffset.UtcNow.AddMinutes(-5), Ct)).Count);
        Assert.Empty(await first.ReadAuditAsync(DateTimeOffset.UtcNow.AddMinutes(5), Ct));
    }
}
