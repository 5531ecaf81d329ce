using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>
/// One step: exactly one of <c>run</c> (a shell line), <c>command</c> (an argv list) or <c>check</c> (a built-in).
/// Each kind reads only its own keys, so a key of another kind is reported as unknown, with the keys it takes.
/// </summary>
internal static class PipelineStepSection
{
    public static readonly string[] Checks = ["secrets", "dependencies", "iac", "migrations-lint"];

    private static readonly Scalar<string> Severity = Scalars.OneOf("low", "moderate", "high", "critical");

    // Each pass decodes what the last one revealed; nothing real nests past a handful, and 0 turns decoding off.
    private static readonly Scalar<int> DecodeDepth = Scalars.Int(0, 100, "a number of decoding passes");

    /// <summary>The secrets check's built-in rule sets (Greenlight.Scanning's SecretRules.Names).</summary>
    private static readonly Scalar<string> SecretRuleSet = Scalars.OneOf("default", "gitleaks");

    private static readonly Scalar<DateOnly> Date = new("a date such as 2027-01-31", (string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", out value));

    public static PipelineStep? Read(NodeReader r, string pipelineDirectory, string? stage, ISet<string> names)
    {
        var name = r.Required("name", ManifestValues.Name);
        if (name is not null && stage is not null && !names.Add($"{stage}/{name}"))
            r.Report("name", $"found \"{name}\" a second time in stage {stage}", "a name no other step of the stage uses");
        var timeout = r.Optional("timeout", Scalars.Duration, TimeSpan.FromMinutes(30));
        var directory = Path.GetFullPath(r.Optional("workingDirectory", Scalars.NonEmptyText, "."), pipelineDirectory);
        var kinds = r.ExactlyOne("no action", "run", "command", "check");
        StepAction? action = kinds.Count == 1 ? kinds[0] == "check" ? ReadCheck(r, directory) : ReadCommand(r) : null;
        return name is null || action is null ? null : new PipelineStep(name, timeout, directory, action);
    }

    private static CommandAction? ReadCommand(NodeReader r)
    {
        var shell = r.Optional("run", Scalars.NonEmptyText);
        var argv = r.Has("command") ? r.ScalarList("command", Scalars.NonEmptyText) : null;
        if (argv is { Count: 0 })
            r.Report("command", "found an empty list", "the program and its arguments, such as [dotnet, test]");
        var env = r.StringMap("env", ManifestValues.VariableName, Scalars.Text);
        var results = r.ScalarList("testResults", Scalars.NonEmptyText);
        return shell is null && argv is not { Count: > 0 } ? null : new CommandAction(argv, shell, env, results);
    }

    private static StepAction? ReadCheck(NodeReader r, string directory)
    {
        var check = r.Required("check", Scalars.OneOf(Checks));
        string PathKey(string key) => Path.GetFullPath(r.Optional(key, Scalars.NonEmptyText, "."), directory);
        string? OptionalPath(string key) => r.Optional(key, Scalars.NonEmptyText) is { } p ? Path.GetFullPath(p, directory) : null;
        switch (check)
        {
            case "secrets":
                return ReadSecrets(r, PathKey, OptionalPath);
            case "dependencies":
                var path = PathKey("path");
                var osv = r.Required("osv", Scalars.NonEmptyText);
                var failAt = r.Optional("failAt", Severity, "high");
                var ignore = r.List("ignore", (i, _) => ReadIgnore(i));
                return osv is null ? null : new DependenciesAction(path, Path.GetFullPath(osv, directory), failAt, ignore);
            case "iac":
                return new IacAction(PathKey("path"), r.List("skip", (s, _) => ReadSkip(s)));
            case "migrations-lint":
                return new MigrationsLintAction();
            default:
                return null;
        }
    }

    private static SecretsAction ReadSecrets(NodeReader r, Func<string, string> pathKey, Func<string, string?> optionalPath)
    {
        var path = pathKey("path");
        var config = optionalPath("config");
        var rules = r.Optional("rules", SecretRuleSet, "default");
        // A config file's rules replace the built-in ones, so naming a built-in set beside it would be ignored.
        if (config is not null && r.Has("rules"))
            r.Report("rules", "found both rules and config, but a config file's rules replace the built-in ones",
                "rules (default or gitleaks) or config (a gitleaks-format file), not both");
        return new SecretsAction(path, config, optionalPath("baseline"), r.Optional("history", Scalars.Bool, false), rules)
        {
            MaxDecodeDepth = r.Optional("maxDecodeDepth", DecodeDepth, SecretsAction.DefaultDecodeDepth),
        };
    }

    private static IgnoreSpec? ReadIgnore(NodeReader r)
    {
        var id = r.Required("id", Scalars.NonEmptyText);
        var reason = r.Required("reason", Reason);
        var expires = r.Required("expires", Date);
        return id is null || reason is null || expires == default ? null : new IgnoreSpec(id, reason, expires);
    }

    private static IacSkipSpec? ReadSkip(NodeReader r)
    {
        var rule = r.Required("rule", Scalars.NonEmptyText);
        var resource = r.Required("resource", Scalars.NonEmptyText);
        var reason = r.Required("reason", Reason);
        return rule is null || resource is null || reason is null ? null : new IacSkipSpec(rule, resource, reason);
    }

    private static readonly Scalar<string> Reason = Scalars.String(text => text.Trim().Length > 0, "why the finding is accepted");
}
