using System.Text;
using Greenlight.Cli.Tests.Support;
using Greenlight.Core.Secrets;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>What the operator's shell holds stays with the controller; what the controller writes stays with its owner.</summary>
public sealed class SecretsHygieneTests
{
    [Fact]
    public async Task Up_WithAPlantedVariableUnderUmask000_NoChildGetsItNoLogHoldsItAndStateIsOwnerOnly()
    {
        using var ws = new CliWorkspace(edit: text => text + "pipeline:\n  stages:\n    - name: check\n      steps:\n        - name: env\n          run: env\n");
        var planted = new KeyValuePair<string, string>($"GL_TEST_PLANTED_{Guid.NewGuid():N}", $"planted-{Guid.NewGuid():N}");
        var up = await ws.StartControllerAsync(new Dictionary<string, string>([planted]), umask: "000");

        var deploy = await ws.RunAsync("deploy", "1.0");

        Assert.True(deploy.ExitCode == 0, deploy.Stdout + deploy.Stderr);
        Assert.Contains(planted.Value, Environ(up.Id)); // planted indeed
        var revision = Assert.Single(ws.Revisions("1.0"));
        // The edge and its warm standby.
        var edges = MarkedProcesses.FindByCommandLine(Path.Combine(ws.Directory, ".greenlight", "edge"));
        Assert.NotEmpty(edges);
        Assert.DoesNotContain(planted.Key, Environ(revision));
        Assert.All(edges, edge => Assert.DoesNotContain(planted.Key, Environ(edge)));
        Assert.DoesNotContain(planted.Value, deploy.Stdout + deploy.Stderr);
        var state = Path.Combine(ws.Directory, ".greenlight");
        var files = Directory.GetFiles(state, "*", SearchOption.AllDirectories);
        var stepLog = Assert.Single(files, f => f.EndsWith("-check-env.log", StringComparison.Ordinal));
        Assert.Contains("PATH=", await File.ReadAllTextAsync(stepLog, ws.Cancellation)); // the step did print its environment
        Assert.All(StoredFiles.Readable(state), f => Assert.DoesNotContain(planted.Value, Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == OwnerOnly.FilePermissions, $"{f} is {File.GetUnixFileMode(f)}"));
        Assert.All(Directory.GetDirectories(state, "*", SearchOption.AllDirectories).Append(state),
            d => Assert.True(File.GetUnixFileMode(d) == OwnerOnly.DirectoryPermissions, $"{d} is {File.GetUnixFileMode(d)}"));
        Assert.Contains(Path.Combine(state, "state.db-wal"), files);
        Assert.Contains(Path.Combine(state, "edge", "edge.log"), files);
    }

    private static string Environ(int pid) => File.ReadAllText($"/proc/{pid}/environ");
}
