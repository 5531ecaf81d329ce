namespace Greenlight.Engine.Checks;

/// <summary>The outcome of one run of synthetic checks; <paramref name="Results"/> are in manifest order.</summary>
public sealed record CheckReport(bool Passed, IReadOnlyList<CheckResult> Results)
{
    /// <summary>One line for events and logs: every failed check with its step and reason, or that all passed.</summary>
    public string Describe() =>
        Passed ? $"{Results.Count} of {Results.Count} checks passed" : string.Join("; ", Results.Where(r => !r.Passed));
}
