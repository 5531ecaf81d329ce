using System.Diagnostics;
using System.Text.RegularExpressions;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Audit;

/// <summary>The recipe of docs/audit.md, exactly as printed there (python3 and openssl), on a real export.</summary>
public sealed partial class ThirdPartyRecipeTests : IDisposable
{
    private readonly AuditedState _state = new();
    private readonly string _export = Directory.CreateTempSubdirectory("greenlight-audit-export-").FullName;

    [Fact]
    public async Task Recipe_OnARealExport_SaysIntact()
    {
        await ExportAsync();

        var (code, output) = await RecipeAsync();

        Assert.True(code == 0, output);
        Assert.Contains("export intact", output);
        Assert.Contains("chain intact: 12 entries", output);
    }

    [Fact]
    public async Task Recipe_AnEntryEditedInTheExport_Fails()
    {
        await ExportAsync();
        var entries = Path.Combine(_export, "entries.jsonl");
        File.WriteAllText(entries, File.ReadAllText(entries).Replace("\"actor\":\"user-7\"", "\"actor\":\"someone\""));

        var (code, output) = await RecipeAsync();

        Assert.NotEqual(0, code);
        Assert.Contains("entry 8 does not chain to entry 7", output);
    }

    [Fact]
    public async Task Recipe_ACheckpointForged_FailsInOpenssl()
    {
        await ExportAsync();
        var checkpoints = Path.Combine(_export, "checkpoints.jsonl");
        // Claims a later time than the one signed: the chain is intact, the signature no longer matches.
        File.WriteAllText(checkpoints, TimeField().Replace(File.ReadAllText(checkpoints), "\"time\":\"2000-01-01T00:00:00.000Z\""));

        var (code, output) = await RecipeAsync();

        Assert.NotEqual(0, code);
        Assert.Contains("chain intact", output);
        Assert.Contains("the signature does not verify", output);
    }

    private async Task ExportAsync()
    {
        await _state.AppendAsync(12);
        var export = await _state.RunAsync("audit", "export", "--out", _export);
        Assert.True(export.ExitCode == 0, export.Stderr);
        foreach (var name in (string[])["verify.py", "verify.sh"])
            File.WriteAllText(Path.Combine(_export, name), Recipe(name));
    }

    /// <summary>The code block that follows <c>&lt;!-- recipe: name --&gt;</c> in docs/audit.md.</summary>
    private static string Recipe(string name)
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "audit.md"));
        var match = Regex.Match(doc, $@"<!-- recipe: {Regex.Escape(name)} -->\s*```\w+\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/audit.md has no recipe {name}");
        return match.Groups[1].Value;
    }

    private async Task<(int Code, string Output)> RecipeAsync()
    {
        var start = new ProcessStartInfo("sh", "verify.sh") { WorkingDirectory = _export, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(_state.Workspace.Cancellation);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("\"time\":\"[^\"]*\"")]
    private static partial Regex TimeField();

    public void Dispose()
    {
        _state.Dispose();
        Directory.Delete(_export, recursive: true);
    }
}
