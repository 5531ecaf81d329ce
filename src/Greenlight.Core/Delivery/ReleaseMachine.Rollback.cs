using static Greenlight.Core.Delivery.ReleasePhase;

namespace Greenlight.Core.Delivery;

/// <summary>
/// Rolling back a release that ended with regions on its revision: halted (<c>onFailure: halt</c>), or failed because a
/// region could not be returned. Nothing moves such a release any more, so the Engine looks at what serves and says which
/// regions still serve the revision; those go back and the release runs again until they are.
/// </summary>
public static partial class ReleaseMachine
{
    private static Release RollBackEnded(Release r, ReleaseObservation.RollbackRequested request, Journal j)
    {
        var serving = r.Stages.SelectMany(s => s.Regions.Select(region => $"{s.Environment}/{region.Name}")).Where(request.Serving.Contains).ToHashSet();
        var refusal = r.Phase switch
        {
            Running or RollingBack => $"release {r.Id} is {r.Phase}: `greenlight abort {r.Id}` stops it and returns its regions to the previous revision",
            Completed => $"release {r.Id} completed: every region serves {r.Version} as released; to go back, release the previous version",
            RolledBack or Cancelled => $"release {r.Id} is {r.Phase}: nothing is left to roll back",
            _ when serving.Count == 0 => $"release {r.Id} is {r.Phase} and no region of it serves {r.Version} any more: nothing is left to roll back",
            _ => null,
        };
        if (refusal is not null)
        {
            j.Refuse(refusal);
            return r;
        }

        j.Log.Add($"release {r.Id}: rollback requested ({r.Phase}): {request.Reason}; on {r.Version} still: {string.Join(", ", serving)}");
        var why = $"rolled back on request: {request.Reason} (it had {r.Phase.ToString().ToLowerInvariant()}: {r.Reason})";
        return EachStage(r, s => StageMachine.RollBackServing(s, serving, request.Reason, j)) with { Reason = why };
    }
}
