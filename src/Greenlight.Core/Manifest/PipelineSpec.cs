namespace Greenlight.Core.Manifest;

/// <summary>
/// The gates a release passes before any revision starts: stages of steps, run in order, stopping at the
/// first failure.
/// </summary>
public sealed record PipelineSpec(IReadOnlyList<PipelineStage> Stages)
{
    public IEnumerable<(PipelineStage Stage, PipelineStep Step)> Steps =>
        Stages.SelectMany(stage => stage.Steps.Select(step => (stage, step)));
}

public sealed record PipelineStage(string Name, IReadOnlyList<PipelineStep> Steps);

/// <param name="WorkingDirectory">Absolute; commands run there and checks resolve their relative paths against it.</param>
public sealed record PipelineStep(string Name, TimeSpan Timeout, string WorkingDirectory, StepAction Action);

/// <summary>What a step does: run a command, or one of the built-in checks.</summary>
public abstract record StepAction
{
    /// <summary>The name used in the manifest and in results: <c>command</c> or the check's name.</summary>
    public abstract string Kind { get; }
}

/// <summary>A command, either an argv list (<see cref="Argv"/>) or a shell line run by <c>sh -c</c> (<see cref="Shell"/>).</summary>
/// <param name="TestResults">Globs, relative to the working directory, of TRX or JUnit XML files the step writes.</param>
public sealed record CommandAction(
    IReadOnlyList<string>? Argv,
    string? Shell,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> TestResults) : StepAction
{
    public override string Kind => "command";
}

/// <param name="Config">A gitleaks-format TOML rule file replacing the default rules; absolute.</param>
/// <param name="Baseline">Fingerprints of accepted findings; absolute.</param>
/// <param name="History">Also scan every commit of the git history, not only the working tree.</param>
/// <param name="Rules">The built-in rule set when there is no <paramref name="Config"/>: "default" (Greenlight's) or
/// "gitleaks" (gitleaks' own 222 rules).</param>
public sealed record SecretsAction(string Path, string? Config, string? Baseline, bool History, string Rules = "default") : StepAction
{
    /// <summary>How many times encoded text (base64, hex, percent) is decoded and scanned again; 0 turns it off.
    /// 5 by default, as gitleaks' --max-decode-depth.</summary>
    public int MaxDecodeDepth { get; init; } = DefaultDecodeDepth;

    public const int DefaultDecodeDepth = 5;

    public override string Kind => "secrets";
}

/// <param name="Osv">A directory or zip of OSV records; absolute.</param>
/// <param name="FailAt">The lowest severity that fails the step: low, moderate, high or critical.</param>
public sealed record DependenciesAction(string Path, string Osv, string FailAt, IReadOnlyList<IgnoreSpec> Ignore) : StepAction
{
    public override string Kind => "dependencies";
}

/// <summary>An accepted vulnerability: always explained, and back for review after <paramref name="Expires"/>.</summary>
public sealed record IgnoreSpec(string Id, string Reason, DateOnly Expires);

public sealed record IacAction(string Path, IReadOnlyList<IacSkipSpec> Skip) : StepAction
{
    public override string Kind => "iac";
}

/// <param name="Resource">A resource address, or a prefix ending in <c>*</c>.</param>
public sealed record IacSkipSpec(string Rule, string Resource, string Reason);

/// <summary>Lints the database section's migration scripts (see docs/migrations-lint.md).</summary>
public sealed record MigrationsLintAction : StepAction
{
    public override string Kind => "migrations-lint";
}
