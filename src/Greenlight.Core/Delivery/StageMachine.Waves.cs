using Greenlight.Core.Manifest;
using static Greenlight.Core.Delivery.StagePhase;

namespace Greenlight.Core.Delivery;

internal static partial class StageMachine
{
    public static Stage RolloutEnded(Stage s, ReleaseObservation.RolloutEnded e, DateTimeOffset now, Journal j)
    {
        // Only a running rollout's end counts: a rollback the stage asked for is answered by RegionRolledBack, and a
        // resumed controller may deliver an end twice.
        if (s.Regions.FirstOrDefault(r => r.Name == e.Region) is not { Phase: RegionPhase.Running } region)
            return s;
        var phase = e.Outcome switch
        {
            RolloutResult.Completed => RegionPhase.Completed,
            RolloutResult.RolledBack => RegionPhase.RolledBack,
            _ => RegionPhase.Failed,
        };
        var because = e.Reason is null ? "" : $": {e.Reason}";
        j.Log.Add($"{s.Environment}/{e.Region}: rollout {phase}{because}");
        s = With(s, region with { Phase = phase, Reason = e.Reason, EndedAt = now });

        // A halted stage only records how the rollouts it left running end.
        if (s.Phase != Rolling)
            return s;
        if (phase != RegionPhase.Completed)
            return Fail(s, $"{Journal.Wave(s, s.Wave)} failed: region {e.Region} {phase}{because}", j);
        return s.InWave(s.Wave).All(r => r.Phase == RegionPhase.Completed) ? WaveDone(s, now, j) : FillSlots(s, now, j);
    }

    public static Stage Bake(Stage s, ReleaseObservation.BakeVerdict v, DateTimeOffset now, Journal j)
    {
        // A verdict on an earlier wave's bake comes too late to matter.
        if (s.Phase != Baking || v.Wave != s.Wave)
            return s;
        s = s with { BakeVerdict = v.Reason };
        if (!v.Pass)
            return Fail(s, $"bake of {Journal.Wave(s, s.Wave)} failed: {v.Reason}", j);
        return now >= s.Until ? BakePassed(s, now, j) : s;
    }

    /// <summary>Starts pending regions of the current wave while fewer than maxParallel run.</summary>
    private static Stage FillSlots(Stage s, DateTimeOffset now, Journal j)
    {
        var cap = s.Plan.MaxParallel ?? int.MaxValue;
        var running = s.InWave(s.Wave).Count(r => r.Phase == RegionPhase.Running);
        var regions = s.Regions.ToList();
        for (var i = 0; i < regions.Count && running < cap; i++)
        {
            if (regions[i].Wave != s.Wave || regions[i].Phase != RegionPhase.Pending)
                continue;
            regions[i] = regions[i] with { Phase = RegionPhase.Running, StartedAt = now };
            running++;
            var slots = s.Plan.MaxParallel is { } max ? $", {running} of at most {max} at once" : "";
            j.Log.Add($"{s.Environment}/{regions[i].Name}: rollout starts ({Journal.Wave(s, s.Wave)}{slots})");
            j.Effects.Add(new ReleaseEffect.StartRollout(s.Environment, regions[i].Name));
        }

        return s with { Regions = regions };
    }

    private static Stage WaveDone(Stage s, DateTimeOffset now, Journal j)
    {
        if (s.Plan.Bake <= TimeSpan.Zero)
            return StartWave(s, s.Wave + 1, now, j);
        var until = now + s.Plan.Bake;
        j.Log.Add($"{s.Environment}: {Journal.Wave(s, s.Wave)} serves the new version; bakes {DurationText.Format(s.Plan.Bake)} until {Journal.Time(until)}");
        return Entered(s with { Phase = Baking, Until = until, BakeVerdict = null }, j);
    }

    private static Stage BakePassed(Stage s, DateTimeOffset now, Journal j)
    {
        var verdict = s.BakeVerdict is null ? "no failing verdict" : s.BakeVerdict;
        j.Log.Add($"{s.Environment}: {Journal.Wave(s, s.Wave)} baked {DurationText.Format(s.Plan.Bake)}: {verdict}");
        return StartWave(s with { BakeVerdict = verdict }, s.Wave + 1, now, j);
    }
}
