namespace Greenlight.Core.Manifest;

public sealed partial record AppManifest
{
    private readonly IReadOnlyList<EnvironmentSpec>? environments;

    /// <summary>
    /// The environments in promotion order; never empty. A manifest without <c>environments</c> has one, named
    /// <c>default</c>, with one region <c>default</c> on <see cref="Edge"/>. With <c>environments</c>,
    /// <see cref="Edge"/> is the top-level edge when there is one, else the first environment's first region's.
    /// </summary>
    public IReadOnlyList<EnvironmentSpec> Environments
    {
        get => environments ?? [EnvironmentSpec.Implicit(Edge)];
        init => environments = value.Count > 0 ? value : null;
    }

    /// <summary>The environment named <paramref name="name"/>, or null.</summary>
    public EnvironmentSpec? FindEnvironment(string name) => Environments.FirstOrDefault(e => e.Name == name);

    /// <summary>
    /// What one region runs: this manifest with the environment's overrides applied and <see cref="Edge"/> set to the
    /// region's edge, so that a rollout in the region runs on it as on a manifest without environments.
    /// </summary>
    /// <exception cref="ArgumentException">The manifest has no such environment or region; the message lists those it has.</exception>
    public AppManifest ForRegion(string environment, string region)
    {
        var spec = FindEnvironment(environment)
            ?? throw new ArgumentException($"no environment \"{environment}\" in the manifest of {App}; it has {string.Join(", ", Environments.Select(e => e.Name))}", nameof(environment));
        var place = spec.Regions.FirstOrDefault(r => r.Name == region)
            ?? throw new ArgumentException($"no region \"{region}\" in environment {environment} of {App}; it has {string.Join(", ", spec.Regions.Select(r => r.Name))}", nameof(region));
        return spec.Overrides.ApplyTo(this) with { Edge = place.Edge };
    }
}
