namespace Greenlight.Core.Delivery;

public sealed partial record Release
{
    /// <summary>
    /// The approvals given to earlier releases of the same version into the same environments, kept on this one: those
    /// for the same manifest count (a release aborted and requested again), those for another manifest are shown as not
    /// counting. A rejected release's approvals are not carried: a rejection is not undone by asking again.
    /// </summary>
    public Release WithApprovalsOf(IEnumerable<Release> earlier)
    {
        var same = earlier.Where(r => r.App == App && r.Version == Version && r.Id != Id && r.Phase != ReleasePhase.Rejected).ToList();
        return this with
        {
            Stages = [.. Stages.Select(s => s.Plan.Approval is null ? s : s with
            {
                Approvals = [.. same.SelectMany(r => r.StageOf(s.Environment)?.Approvals ?? []).Distinct().OrderBy(a => a.At)],
            })],
        };
    }
}
