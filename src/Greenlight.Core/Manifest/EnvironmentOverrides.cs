using Greenlight.Core.Checks;

namespace Greenlight.Core.Manifest;

/// <summary>
/// The only values that may differ between environments; everything else is the same by construction.
/// A present list or section replaces the app's whole; environment variables are merged over <c>run.env</c>.
/// </summary>
/// <param name="RunEnvironment">Merged over <see cref="RunSpec.Environment"/>; the environment's value wins.</param>
public sealed record EnvironmentOverrides(
    IReadOnlyDictionary<string, string> RunEnvironment,
    IReadOnlyList<SyntheticCheck>? Checks,
    AnalysisSpec? Analysis,
    HealthSpec? Health)
{
    public static EnvironmentOverrides None { get; } = new(new Dictionary<string, string>(), null, null, null);

    /// <summary>Merged over the app's <see cref="AppManifest.Secrets"/>: a name set here takes this reference.</summary>
    public SecretsSpec Secrets { get; init; } = SecretsSpec.None;

    /// <summary>Replaces <see cref="RunSpec.Instances"/> when set.</summary>
    public int? Instances { get; init; }

    internal AppManifest ApplyTo(AppManifest manifest)
    {
        var environment = new Dictionary<string, string>(manifest.Run.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in RunEnvironment)
            environment[name] = value;
        var run = RunEnvironment.Count == 0 ? manifest.Run : manifest.Run with { Environment = environment };
        return manifest with
        {
            Run = Instances is { } instances ? run with { Instances = instances } : run,
            Checks = Checks ?? manifest.Checks,
            Analysis = Analysis ?? manifest.Analysis,
            Health = Health ?? manifest.Health,
            Secrets = manifest.Secrets.MergedWith(Secrets),
        };
    }
}
