using Greenlight.Core.Manifest;

namespace Greenlight.Migrations.Tests.Lint;

// The manifest's database.lint switches reach the linter through ManifestDatabase.Lint, as `db lint` uses it.
public sealed class ManifestLintSwitchTests
{
    private const string Manifest = """
        app: shop
        run:
          command: dotnet
        edge:
          listen: 127.0.0.1:8080
        database:
          provider: postgresql
          connection: Host=127.0.0.1
          migrations: {0}

        """;

    private static IReadOnlyList<string> LintWith(string settings)
    {
        var folder = Directory.CreateTempSubdirectory("greenlight-lint-switch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "V1__users.sql"), "ALTER TABLE users ADD COLUMN note varchar(40);\n");
            var db = ManifestLoader.Parse(string.Format(null, Manifest, folder) + settings, "greenlight.yaml").GetOrThrow().Database!;
            return [.. db.Lint().Select(f => f.RuleId)];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Lint_Defaults_TypeAdviceOnLockTimeoutRuleOff() =>
        Assert.Equal(["GL026"], LintWith(""));

    [Fact]
    public void Lint_TypeAdviceOffAndLockTimeoutRequired_ReportsGL019Only() =>
        Assert.Equal(["GL019"], LintWith("  lint:\n    typeAdvice: false\n    requireLockTimeout: true\n"));

    [Fact]
    public void Lint_ManifestLockTimeout_SatisfiesTheRequiredRule() =>
        Assert.Equal(["GL026"], LintWith("  lockTimeout: 3s\n  lint: {requireLockTimeout: true}\n"));

    [Fact]
    public void Parse_UnknownLintSwitch_IsAnErrorNamingIt()
    {
        var errors = ManifestLoader.Parse(string.Format(null, Manifest, "m") + "  lint: {typeAdvise: false}\n", "greenlight.yaml").Errors;

        Assert.Contains(errors, e => e.ToString().Contains("database.lint.typeAdvise", StringComparison.Ordinal));
    }
}
