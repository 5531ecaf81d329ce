using Greenlight.Core.Manifest;

namespace Greenlight.Core.Delivery;

/// <summary>Whether a version with a manifest may enter an environment, and why; <see cref="PassedIn"/> names the
/// release in which it passed the environment before.</summary>
public sealed record PromotionCheck(string Environment, bool Allowed, string Reason)
{
    public string? PassedIn { get; init; }

    /// <summary>Refused for want of a pass: the environment before, and what was found there ("2.0 with manifest … has
    /// not passed staging; in release … staging is RolledBack"), without the rule.</summary>
    public (string Environment, string Found)? NotPassed { get; init; }
}

/// <summary>The rule that guards every environment after the first.</summary>
public static class Promotion
{
    public const string Rule = "a version that did not pass the previous environment cannot be released into the next one";

    /// <summary>
    /// For `deploy --env E` of a version: allowed into the first environment, and into a later one only when a release
    /// of <paramref name="history"/> with this exact version and manifest digest passed the environment before it
    /// (a hotfix too: it passes with the hotfix soak, but it passes).
    /// </summary>
    public static PromotionCheck CanEnter(AppManifest manifest, string manifestDigest, string version, string environment, IEnumerable<Release> history) =>
        CanEnter(manifest.App, [.. manifest.Environments.Select(e => e.Name)], manifestDigest, version, environment, history);

    /// <param name="names">The app's environments, in promotion order.</param>
    public static PromotionCheck CanEnter(string app, IReadOnlyList<string> names, string manifestDigest, string version, string environment, IEnumerable<Release> history)
    {
        var index = names.ToList().IndexOf(environment);
        if (index < 0)
            return new(environment, false, $"no environment \"{environment}\" in the manifest of {app}; it has {string.Join(", ", names)}");
        if (index == 0)
            return new(environment, true, $"{environment} is the first environment");
        var previous = names[index - 1];
        var same = history.Where(r => r.App == app && r.Version == version && r.ManifestDigest == manifestDigest).OrderBy(r => r.CreatedAt).ToList();
        var what = $"{version} with manifest {Short(manifestDigest)}";
        if (same.FirstOrDefault(r => r.StageOf(previous)?.Phase == StagePhase.Passed) is { } passed)
            return new(environment, true, $"{what} passed {previous} in release {passed.Id}") { PassedIn = passed.Id };
        var tried = same.Select(r => (r.Id, Stage: r.StageOf(previous))).Where(t => t.Stage is { Phase: not StagePhase.Pending }).ToList();
        var there = tried.Count == 0 ? "" : "; " + string.Join("; ", tried.Select(t => $"in release {t.Id} {previous} is {Describe(t.Stage!)}"));
        var found = $"{what} has not passed {previous}{there}";
        return new(environment, false, $"{Rule}: {found}") { NotPassed = (previous, found) };
    }

    internal static string NotPassed(Stage previous) => $"{Rule}: {previous.Environment} is {Describe(previous)}";

    internal static string Describe(Stage s) => s.Phase switch
    {
        StagePhase.Waiting or StagePhase.Baking or StagePhase.Soaking => $"{s.Phase} until {Journal.Time(s.Until!.Value)}",
        StagePhase.Pending => "not reached yet",
        _ => s.Phase.ToString(),
    };

    /// <summary>Enough of a digest to tell manifests apart in a sentence.</summary>
    private static string Short(string digest)
    {
        var hex = digest[(digest.LastIndexOf(':') + 1)..];
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
