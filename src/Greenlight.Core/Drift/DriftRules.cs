using Greenlight.Core.Traffic;

namespace Greenlight.Core.Drift;

/// <summary>The comparisons of a drift check: what was recorded against what is found now. No I/O: the Engine gathers.</summary>
public static class DriftRules
{
    /// <summary>A revision recorded to run whose process is not running: replaced when something else answers on its port.</summary>
    public static DriftFinding Gone(string revision, int pid, int port, DateTimeOffset startedAt, bool portAnswers, DateTimeOffset now) =>
        portAnswers
            ? new(DriftKind.RevisionReplaced, revision, $"pid {pid} answering on port {port}",
                $"pid {pid} is not running and another process answers on port {port}", now)
            : new(DriftKind.RevisionDied, revision, $"pid {pid} running (started {startedAt:u})", $"pid {pid} is not running", now);

    /// <summary>A revision that died and is being started again by a repair: it drifts until the repair serves.</summary>
    public static DriftFinding Restarting(string revision, string repairId, DateTimeOffset now) =>
        new(DriftKind.RevisionDied, revision, "running", "being started again", now) { Repair = $"repair {repairId} under way" };

    public static DriftFinding? Files(string revision, FileSet started, FileSet now, DateTimeOffset at)
    {
        var was = started.Digest;
        var found = now.Digest;
        return was == found
            ? null
            : new(DriftKind.FilesChanged, revision,
                $"files {RouteText.Short(was)} ({started.Files.Count} file{(started.Files.Count == 1 ? "" : "s")}, as at its start)",
                $"files {RouteText.Short(found)}: {now.ChangesSince(started)}", at);
    }

    /// <param name="set">The route the controller last set; null when it never set one (nothing to compare with).</param>
    /// <param name="current">The edge's route now; null when the edge has none for the app.</param>
    public static DriftFinding? Route(AppRoute? set, AppRoute? current, DateTimeOffset at) =>
        set is null || (current is not null && RouteText.Digest(current) == RouteText.Digest(set))
            ? null
            : new(DriftKind.RouteChanged, null, RouteText.Describe(set), current is null ? "no route for the app" : RouteText.Describe(current), at);

    /// <summary>Secrets whose version now differs from the one the revision started with (or that are gone from the store).</summary>
    /// <param name="current">Versions now, by name; a name missing here is gone from the store.</param>
    public static DriftFinding? Secrets(string revision, IReadOnlyDictionary<string, string> started, IReadOnlyDictionary<string, string> current, DateTimeOffset at)
    {
        var rotated = started.Where(s => current.GetValueOrDefault(s.Key) != s.Value).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return rotated.Count == 0
            ? null
            : new(DriftKind.SecretRotated, revision,
                string.Join(", ", rotated.Select(s => $"{s.Key} version {s.Value}")),
                string.Join(", ", rotated.Select(s => current.TryGetValue(s.Key, out var now) ? $"{s.Key} version {now}" : $"{s.Key} gone from the store")), at);
    }
}
