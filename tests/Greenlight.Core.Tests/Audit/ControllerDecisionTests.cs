using Greenlight.Core.Audit;
using Greenlight.Core.Rollouts;

namespace Greenlight.Core.Tests.Audit;

public sealed class ControllerDecisionTests
{
    private static readonly Rollout Stepping = Rollout.Create("ro-1", "shop", "1.1", "1.0", TimeSpan.Zero, DateTimeOffset.UnixEpoch) with { Phase = RolloutPhase.Stepping };

    [Fact]
    public void Of_ARollbackTheControllerDecided_IsAuditedAsTheController()
    {
        var record = ControllerDecision.Of(Stepping, Stepping with { Phase = RolloutPhase.RollingBack, Reason = "error rate 12% > 1%" },
            new Observation.RevisionDied("1.1", "exit 1"));

        Assert.Equal(new AuditRecord(AuditRecord.Controller, "rollback", "app shop, rollout ro-1", "ok") { Before = "1.1", After = "1.0", Detail = "error rate 12% > 1%" }, record);
    }

    [Fact]
    public void Of_ARollbackAUserRequested_IsLeftToTheApiAudit() =>
        Assert.Null(ControllerDecision.Of(Stepping, Stepping with { Phase = RolloutPhase.RollingBack }, new Observation.RollbackRequested("by user")));

    [Fact]
    public void Of_AnAutomaticPromotionToAllTraffic_IsAudited() =>
        Assert.Equal("promote", ControllerDecision.Of(Stepping, Stepping with { Phase = RolloutPhase.Warm }, new Observation.WeightsApplied())?.Action);
}
