namespace Greenlight.Scanning.Dependencies;

/// <summary>A resolved package matched by a vulnerability record.</summary>
public sealed record DependencyFinding(
    string Ecosystem,
    string Package,
    string Version,
    string File,
    string VulnerabilityId,
    IReadOnlyList<string> Aliases,
    Severity Severity,
    string? FixedVersion,
    string? Summary);
