using Greenlight.Core.Access;
using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Approvals;
using Greenlight.Engine.Control;

namespace Greenlight.Engine.Delivery;

public sealed partial class AppDelivery
{
    /// <summary>
    /// <paramref name="user"/> approves the release where it awaits approval. Refused with <see cref="RejectionKind.Forbidden"/>
    /// when a separation-of-duties rule says no, with <see cref="RejectionKind.Conflict"/> when nothing awaits approval.
    /// </summary>
    public async Task<Release> ApproveAsync(string id, string user, string reason, CancellationToken ct) =>
        await RequestAsync(id, new ReleaseObservation.ApprovalRequested(user, reason, await HoldsRoleAsync(id, user, ct)), ct);

    /// <summary><paramref name="user"/> rejects the release where it awaits approval: it ends Rejected with the reason.</summary>
    public async Task<Release> RejectAsync(string id, string user, string reason, CancellationToken ct) =>
        await RequestAsync(id, new ReleaseObservation.RejectionRequested(user, reason, await HoldsRoleAsync(id, user, ct)), ct);

    /// <summary>The releases of this app that await approval, oldest first.</summary>
    public async Task<IReadOnlyList<Release>> PendingApprovalsAsync(CancellationToken ct) =>
        [.. (await _store.ListReleasesAsync(App, 1000, unfinishedOnly: true, ct)).Where(r => AwaitingApproval(r) is not null)];

    /// <summary>Where the release awaits approval and how the approvals stand now (some may have expired since).</summary>
    public ApprovalTally? TallyOf(Release release) =>
        AwaitingApproval(release) is { } stage ? ApprovalPolicy.Tally(release, stage, _time.GetUtcNow()) : null;

    /// <summary>What an approver must see of the release; null when it awaits no approval.</summary>
    public async Task<ApprovalReview?> ReviewAsync(Release release, CancellationToken ct)
    {
        if (AwaitingApproval(release) is not { } stage)
            return null;
        var run = release.PipelineRunId is { } runId ? await _store.GetPipelineRunAsync(runId, ct) : null;
        var manifest = await _store.GetManifestAsync(release.ManifestDigest, ct);
        var serving = new List<ServingManifest>();
        foreach (var region in stage.Regions)
            serving.Add(await ServingAsync(stage.Environment, region.Name, manifest?.Text, ct));
        var previous = release.Stages.TakeWhile(s => s != stage).Select(StageVerdict.Of).ToList();
        return new ApprovalReview(stage.Environment, ApprovalPolicy.Tally(release, stage, _time.GetUtcNow()),
            run is null ? null : PipelineSummary.Of(run), serving, previous);
    }

    private async Task<ServingManifest> ServingAsync(string environment, string region, string? releaseText, CancellationToken ct)
    {
        if (!_lanes.TryGetValue(Delivery.Lanes.Key(environment, region), out var lane))
            return new ServingManifest(region, null, null, []);
        var status = await lane.StatusAsync(ct);
        var digest = status.Revisions.FirstOrDefault(r => r.Version == status.Serving)?.ManifestDigest;
        var text = digest is null ? null : (await _store.GetManifestAsync(digest, ct))?.Text;
        var changes = text is null || releaseText is null ? [] : ManifestDiff.Lines(text, releaseText);
        return new ServingManifest(region, status.Serving, text is null ? null : digest, changes);
    }

    internal static Stage? AwaitingApproval(Release r) =>
        r.Phase == ReleasePhase.Running ? r.Stages.FirstOrDefault(s => s.Phase == StagePhase.AwaitingApproval) : null;

    /// <summary>Asked of the roles before the request enters the release's loop; the loop refuses it if the release moved on.</summary>
    private async Task<bool> HoldsRoleAsync(string id, string user, CancellationToken ct)
    {
        var release = await GetAsync(id, ct);
        return release is not null && AwaitingApproval(release) is { Plan.Approval: { } plan } stage && plan.Roles.Count > 0
            && new Grants(await _store.ListGrantsAsync(user, ct)).HoldAny(plan.Roles, App, stage.Environment);
    }
}
