using System.Text;

namespace Greenlight.Cli.Tests.Audit;

public sealed class AuditSecretsTests : IDisposable
{
    private readonly AuditedState _state = new();

    [Fact]
    public async Task SecretsSetAndRotate_AreAuditedByNameAndVersion_AndThePlantedValueIsNowhere()
    {
        var planted = $"planted-{Guid.NewGuid():N}";
        var export = Path.Combine(_state.Workspace.Directory, "export");

        var set = await _state.Workspace.RunWithInputAsync(planted, "secrets", "set", "shop/db-password");
        var rotate = await _state.Workspace.RunWithInputAsync(planted + "-2", "secrets", "rotate", "shop/db-password");
        var exported = await _state.RunAsync("audit", "export", "--out", export);
        var verify = await _state.RunAsync("audit", "verify", "--export", export);

        Assert.True(set.ExitCode == 0 && rotate.ExitCode == 0 && exported.ExitCode == 0, set.Stderr + rotate.Stderr + exported.Stderr);
        Assert.Equal(0, verify.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(export, "entries.jsonl"));
        Assert.Collection(lines,
            l => Assert.Contains($"\"action\":\"secret.set\",\"actor\":\"{Environment.UserName}\",\"after\":\"version 1\"", l),
            l => Assert.Contains("\"action\":\"secret.rotate\"", l));
        Assert.All(lines, l => Assert.Contains("\"subject\":\"secret shop/db-password\"", l));
        var files = Directory.EnumerateFiles(_state.StateDirectory).Concat(Directory.EnumerateFiles(export));
        Assert.All(files, f => Assert.DoesNotContain(planted, Encoding.UTF8.GetString(File.ReadAllBytes(f))));
    }

    public void Dispose() => _state.Dispose();
}
