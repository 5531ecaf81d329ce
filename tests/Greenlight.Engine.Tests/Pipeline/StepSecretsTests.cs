using Greenlight.Core.Pipelines;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Pipeline;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Engine.Tests.Pipeline;

/// <summary>A step gets no secret of the controller's, and prints none that the controller knows.</summary>
public sealed class StepSecretsTests
{
    private static readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    [Fact]
    public async Task StepPrintingItsEnvironment_ShowsWhatTheManifestGaveItButNoVariableOfTheController()
    {
        using var w = new PipelineWorkspace();
        using var planted = new PlantedVariable();

        var run = await w.RunAsync("""
                - name: build
                  steps:
                    - name: env
                      run: env
                      env: {STEP_SETTING: given}
            """, Ct);

        Assert.Equal(PipelineStatus.Passed, run.Status);
        var log = await File.ReadAllTextAsync(run.Steps[0].Log, Ct);
        Assert.Contains("STEP_SETTING=given", log);
        Assert.Contains("PATH=", log);
        Assert.Contains("HOME=", log);
        Assert.DoesNotContain(planted.Name, log);
        Assert.DoesNotContain(planted.Value, log);
        Assert.DoesNotContain(w.Seen, s => s.Contains(planted.Value, StringComparison.Ordinal));
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(run.Steps[0].Log));
        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(Path.GetDirectoryName(run.Steps[0].Log)!));
    }

    [Fact]
    public async Task ConnectionStringTheManifestNames_IsMaskedInStepOutputEvenWhenNoRuleMatchesIt()
    {
        using var w = new PipelineWorkspace();
        using var connection = new PlantedVariable("Data Source=/srv/shop/ledger-of-sales.db");
        Assert.Equal(connection.Value, new SecretScanner().Redact(connection.Value)); // no secret rule knows it
        w.Write("settings.txt", $"using {connection.Value} for the tests\n");

        var run = await w.Service("""
                - name: build
                  steps:
                    - name: settings
                      run: cat settings.txt; echo "no $(cat settings.txt)" >&2; exit 3
            """, $"database:\n  provider: sqlite\n  connectionFromEnv: {connection.Name}\n").RunAsync(PipelineService.NewRunId(), "2.0", w, Ct);

        var log = await File.ReadAllTextAsync(run.Steps[0].Log, Ct);
        Assert.Contains("using **** for the tests", log);
        Assert.Contains("no using **** for the tests", log);
        Assert.DoesNotContain(connection.Value, log);
        Assert.DoesNotContain(w.Seen, s => s.Contains(connection.Value, StringComparison.Ordinal));
    }

    /// <summary>A variable of this process's environment, with a name and value no other test uses.</summary>
    private sealed class PlantedVariable : IDisposable
    {
        public PlantedVariable(string? value = null)
        {
            Value = value ?? $"planted-{Guid.NewGuid():N}";
            Environment.SetEnvironmentVariable(Name, Value);
        }

        public string Name { get; } = $"GL_TEST_PLANTED_{Guid.NewGuid():N}";

        public string Value { get; }

        public void Dispose() => Environment.SetEnvironmentVariable(Name, null);
    }
}
