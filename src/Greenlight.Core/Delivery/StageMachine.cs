using Greenlight.Core.Manifest;
using static Greenlight.Core.Delivery.StagePhase;

namespace Greenlight.Core.Delivery;

/// <summary>
/// The decisions about one stage: its gates (promotion, window), its waves (in StageMachine.Waves.cs), its soak and
/// its failures. <see cref="ReleaseMachine"/> routes each observation here and moves the release on. Pure.
/// </summary>
internal static partial class StageMachine
{
    /// <summary>The release reached the stage; <paramref name="promotedBy"/> null: it waits for a manual promotion.</summary>
    public static Stage Enter(Stage s, string? promotedBy, Release r, DateTimeOffset now, Journal j)
    {
        s = s with { EnteredAt = now };
        if (promotedBy is not null)
            return AwaitApproval(s with { PromotedBy = promotedBy }, r, now, j);
        j.Log.Add($"{s.Environment}: waits for `greenlight promote-release` (promotion: manual)");
        return s with { Phase = AwaitingPromotion };
    }

    public static Stage Promote(Stage s, string reason, Release r, DateTimeOffset now, Journal j)
    {
        j.Log.Add($"{s.Environment}: promoted: {reason}");
        return AwaitApproval(s with { PromotedBy = reason }, r, now, j);
    }

    public static Stage OverrideWindow(Stage s, string reason, DateTimeOffset now, Journal j)
    {
        j.Log.Add($"{s.Environment}: hotfix overrides the deployment window {s.Plan.Window}: {reason}");
        s = s with { WindowOverride = reason };
        return s.Phase == Waiting ? StartWave(s, s.Wave, now, j) : s;
    }

    public static Stage Tick(Stage s, DateTimeOffset now, Journal j) => s.Phase switch
    {
        Waiting when s.Plan.Window!.IsOpen(now) => StartWave(s, s.Wave, now, j),
        // The window opened and closed again while nobody looked (a controller down): wait for the next opening.
        Waiting when now >= s.Until => Wait(s, s.Wave, now, j),
        Baking when now >= s.Until => BakePassed(s, now, j),
        Soaking when now >= s.Until => Pass(s, now, j),
        _ => s,
    };

    public static Stage SoakFailed(Stage s, string reason, Journal j) =>
        s.Phase == Soaking ? Fail(s, $"soak failed: {reason}", j) : s;

    /// <summary>The effects that carry out the stage's phase; issued again unchanged when a controller resumes.</summary>
    public static IReadOnlyList<ReleaseEffect> EffectsOf(Stage s) => s.Phase switch
    {
        Waiting => [new ReleaseEffect.Wake(s.Until!.Value)],
        Rolling => [.. s.Regions.Where(r => r.Phase == RegionPhase.Running).Select(r => new ReleaseEffect.StartRollout(s.Environment, r.Name))],
        Baking => [new ReleaseEffect.StartBake(s.Environment, s.Wave, [.. s.InWave(s.Wave).Select(r => r.Name)], s.Until!.Value), new ReleaseEffect.Wake(s.Until!.Value)],
        Soaking => [new ReleaseEffect.StartSoak(s.Environment, [.. s.Regions.Select(r => r.Name)], s.Until!.Value), new ReleaseEffect.Wake(s.Until!.Value)],
        RollingBack => [.. s.Regions.Where(r => r.Phase == RegionPhase.RollingBack).Select(r => new ReleaseEffect.RollBackRegion(s.Environment, r.Name))],
        _ => [],
    };

    /// <summary>Starts wave <paramref name="wave"/> when the window allows it; past the last wave comes the soak.</summary>
    private static Stage StartWave(Stage s, int wave, DateTimeOffset now, Journal j)
    {
        if (wave >= s.Plan.Waves.Count)
            return Soak(s, now, j);
        var window = s.Plan.Window;
        var closed = window is not null && !window.IsOpen(now);
        if (closed && s.WindowOverride is null)
            return Wait(s, wave, now, j);
        var outside = closed ? $", outside the deployment window {window} (hotfix override: {s.WindowOverride})" : "";
        j.Log.Add($"{s.Environment}: {Journal.Wave(s, wave)} starts: {string.Join(", ", s.Plan.Waves[wave])}{outside}");
        return FillSlots(s with { Phase = Rolling, Wave = wave, Until = null, Reason = null }, now, j);
    }

    private static Stage Wait(Stage s, int wave, DateTimeOffset now, Journal j)
    {
        var window = s.Plan.Window!;
        if (window.NextOpening(now) is not { } opens)
            return Fail(s with { Wave = wave }, $"the deployment window {window} never opens", j);
        var reason = $"outside the deployment window {window}: {Journal.Wave(s, wave)} waits until {Journal.Time(opens)}";
        j.Log.Add($"{s.Environment}: {reason}");
        return Entered(s with { Phase = Waiting, Wave = wave, Until = opens, Reason = reason }, j);
    }

    private static Stage Soak(Stage s, DateTimeOffset now, Journal j)
    {
        s = s with { CompletedAt = now };
        if (s.Plan.Soak <= TimeSpan.Zero)
            return Pass(s, now, j);
        var until = now + s.Plan.Soak;
        j.Log.Add($"{s.Environment}: every wave passed; soaks {DurationText.Format(s.Plan.Soak)} until {Journal.Time(until)}");
        return Entered(s with { Phase = Soaking, Until = until }, j);
    }

    private static Stage Pass(Stage s, DateTimeOffset now, Journal j)
    {
        var soaked = s.Plan.Soak > TimeSpan.Zero ? $" after a soak of {DurationText.Format(s.Plan.Soak)} with checks and analysis green" : "";
        j.Log.Add($"{s.Environment}: passed{soaked}");
        return s with { Phase = Passed, PassedAt = now, Until = null };
    }

    private static Stage Entered(Stage s, Journal j)
    {
        j.Effects.AddRange(EffectsOf(s));
        return s;
    }

    private static Stage With(Stage s, RegionRun region) =>
        s with { Regions = [.. s.Regions.Select(r => r.Name == region.Name ? region : r)] };
}
