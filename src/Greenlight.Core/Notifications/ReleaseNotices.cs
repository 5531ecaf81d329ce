using System.Security.Cryptography;
using System.Text;
using Greenlight.Core.Delivery;

namespace Greenlight.Core.Notifications;

/// <summary>
/// What a release's transition tells the team: found by comparing the release before and after it, so that every saved
/// transition (whoever saved it) yields its notices, and a save that changed nothing yields none.
/// </summary>
public static class ReleaseNotices
{
    private static readonly StagePhase[] Ran = [StagePhase.Rolling, StagePhase.Baking];

    /// <param name="before">The release as last saved; null when <paramref name="after"/> is its first save.</param>
    public static IReadOnlyList<Notice> Between(Release? before, Release after, DateTimeOffset at)
    {
        var notices = new List<Notice>();
        void Add(NotificationKind kind, string? environment, string summary, params (string Key, string? Value)[] facts) =>
            notices.Add(new Notice(IdOf(after.Id, kind, environment, facts.FirstOrDefault(f => f.Key == "wave").Value), kind, after.App, after.Id,
                after.Version, environment, summary, [.. facts.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))], at));
        var name = $"{after.App} {after.Version}";
        if (before is null)
            Add(NotificationKind.ReleaseRequested, after.Entry, $"{(after.Hotfix ? "hotfix " : "")}release of {name} requested into {after.Entry}",
                ("hotfix", after.Hotfix ? "true" : null));
        foreach (var stage in after.Stages)
        {
            var was = before?.StageOf(stage.Environment);
            if (stage.Phase == StagePhase.AwaitingApproval && was?.Phase != StagePhase.AwaitingApproval)
                Add(NotificationKind.AwaitingApproval, stage.Environment, $"{name} awaits approval for {stage.Environment}: {stage.Reason}",
                    ("requester", after.Requester), ("hotfix", after.Hotfix ? "true" : null));
            if (was?.Phase == StagePhase.AwaitingApproval && stage.Phase is not (StagePhase.AwaitingApproval or StagePhase.Rejected or StagePhase.Cancelled))
                Add(NotificationKind.Approved, stage.Environment, $"{name} approved for {stage.Environment}: {stage.Approved}", ("approvals", stage.Approved));
            if (was?.Phase != StagePhase.Rejected && stage.Phase == StagePhase.Rejected)
                Add(NotificationKind.Rejected, stage.Environment, $"{name} rejected for {stage.Environment}: {stage.Reason}", ("reason", stage.Reason));
            // Promoted once it enters the environment: an approval it waits for there comes first.
            if (was is { Phase: StagePhase.Pending or StagePhase.AwaitingPromotion or StagePhase.AwaitingApproval } && stage.Environment != after.Entry
                && stage.Phase is not (StagePhase.Pending or StagePhase.AwaitingPromotion or StagePhase.AwaitingApproval or StagePhase.Passed or StagePhase.Cancelled or StagePhase.Rejected))
                Add(NotificationKind.Promoted, stage.Environment, $"{name} promoted into {stage.Environment}", ("by", stage.PromotedBy));
            if (was is not null && Ran.Contains(was.Phase) && (was.Wave != stage.Wave || stage.Phase is StagePhase.Soaking or StagePhase.Passed))
                Add(NotificationKind.WaveFinished, stage.Environment, $"{name}: {Journal.Wave(was, was.Wave)} finished in {stage.Environment}",
                    ("wave", (was.Wave + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("regions", string.Join(", ", was.InWave(was.Wave).Select(r => r.Name))), ("verdict", stage.BakeVerdict));
            if (stage.Phase == StagePhase.Rolling && (was is null || was.Phase != StagePhase.Rolling || was.Wave != stage.Wave))
                Add(NotificationKind.WaveStarted, stage.Environment, $"{name}: {Journal.Wave(stage, stage.Wave)} started in {stage.Environment}",
                    ("wave", (stage.Wave + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("regions", string.Join(", ", stage.InWave(stage.Wave).Select(r => r.Name))));
        }
        if (before is null || before.Phase == after.Phase)
            return notices;
        var failedStage = after.Stages.FirstOrDefault(s => s.Phase is StagePhase.RolledBack or StagePhase.Halted or StagePhase.Failed or StagePhase.RollingBack);
        var where = failedStage?.Environment ?? after.CurrentStage()?.Environment ?? after.Stages[^1].Environment;
        (string, string?)[] why = [("reason", after.Reason ?? failedStage?.Reason), ("verdict", failedStage?.BakeVerdict),
            .. (failedStage?.Regions ?? []).Where(r => r.Reason is not null).Select(r => ($"region {r.Name}", r.Reason))];
        switch (after.Phase)
        {
            case ReleasePhase.RolledBack:
                Add(NotificationKind.RolledBack, where, $"{name} rolled back: {after.Reason}", why);
                break;
            case ReleasePhase.Failed or ReleasePhase.Halted:
                Add(NotificationKind.Failed, where, $"{name} {(after.Phase == ReleasePhase.Halted ? "halted" : "failed")}: {after.Reason}", why);
                break;
            case ReleasePhase.Completed:
                Add(NotificationKind.Completed, after.Stages[^1].Environment, $"{name} completed: every environment passed");
                break;
        }
        return notices;
    }

    /// <summary>The same event of the same release always has the same id, so that one saved twice is one notice.</summary>
    public static string IdOf(string releaseId, NotificationKind kind, string? environment, string? wave) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{releaseId}\n{kind.Name()}\n{environment}\n{wave}")))[..32];
}
