using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>
/// What an environment changes: <c>run.env</c> and <c>secrets</c> merged over the app's, <c>run.instances</c>, <c>checks</c>, <c>analysis</c> and
/// <c>health</c> each replacing the app's whole. Any other key is refused, so environments differ only where the file says so.
/// </summary>
internal static class OverridesSection
{
    public static EnvironmentOverrides Read(NodeReader r, string baseDirectory)
    {
        int? instances = null;
        var environment = r.Has("run")
            ? r.Map("run", run =>
            {
                var count = run.Optional("instances", RunSection.InstanceCount, 0); // 0: absent, or refused already
                instances = count > 0 ? count : null;
                return run.StringMap("env", ManifestValues.EnvironmentName, RunSection.Versioned);
            })
            : null;
        var secrets = SecretsSection.Read(r, "secrets", environment ?? EnvironmentOverrides.None.RunEnvironment, baseDirectory);
        var checkNames = new HashSet<string>(StringComparer.Ordinal);
        var checks = r.Has("checks") ? r.List("checks", (check, _) => CheckSection.Read(check, checkNames)) : null;
        var analysis = r.Has("analysis") ? r.Map("analysis", AnalysisSection.Read) : null;
        var health = r.Has("health") ? r.Map("health", HealthSection.Read) : null;
        return new EnvironmentOverrides(environment ?? EnvironmentOverrides.None.RunEnvironment, checks, analysis, health) { Secrets = secrets, Instances = instances };
    }
}
