using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight scan secrets` on a real tree and its real git history, as a separate process.</summary>
public sealed class ScanCommandTests
{
    private static readonly string Key = "AK" + "IA" + "Q7ZT3XK2VB6N4MWR"; // built here: no literal key in the repository

    [Fact]
    public async Task ScanSecrets_WriteBaselineThenScanWithIt_AcceptsWhatWasThereAndCatchesWhatIsNew()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "fixture.py"), $"aws_access_key_id = \"{Key}\"\n", ws.Cancellation);

        var found = await ws.RunAsync("scan", "secrets");
        var written = await ws.RunAsync("scan", "secrets", "--write-baseline", "baseline.json");
        var accepted = await ws.RunAsync("scan", "secrets", "--baseline", "baseline.json");
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "new.py"), $"key = \"{Key}\"\n", ws.Cancellation);
        var fresh = await ws.RunAsync("scan", "secrets", "--baseline", "baseline.json");

        Assert.Equal(3, found.ExitCode);
        Assert.Contains("fixture.py:1:22: aws-access-key-id", found.Stdout);
        Assert.DoesNotContain(Key, found.Stdout);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Equal(3, fresh.ExitCode);
        Assert.Contains("new.py:1:8", fresh.Stdout);
        Assert.DoesNotContain("fixture.py", fresh.Stdout);
    }

    [Fact]
    public async Task ScanSecrets_GitleaksAllowAndGitleaksIgnore_ExitZeroAndSayWhatTheySilenced()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "a.py"), $"aws_access_key_id = \"{Key}\"  # gitleaks:allow\n", ws.Cancellation);
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "b.py"), $"aws_access_key_id = \"{Key}\"\n", ws.Cancellation);
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, ".gitleaksignore"), "b.py:aws-access-key-id:1\nb.py:typo\n", ws.Cancellation);

        var run = await ws.RunAsync("scan", "secrets");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no secrets found", run.Stdout);
        Assert.Contains("suppressed 2 findings: 1 by gitleaks:allow, 1 by .gitleaksignore", run.Stderr);
        Assert.Contains("warning: " + Path.Combine(ws.Directory, ".gitleaksignore") + ":2: 'b.py:typo' is not", run.Stderr);
    }

    [Fact]
    public async Task ScanSecrets_KeyDeletedInALaterCommit_IsFoundWithHistoryOnly()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "config.py"), $"aws_access_key_id = \"{Key}\"\n", ws.Cancellation);
        await Git.InitAndCommitAsync(ws.Directory, ws.Cancellation);
        File.Delete(Path.Combine(ws.Directory, "config.py"));
        await Git.RunAsync(ws.Directory, ws.Cancellation, "commit", "-qam", "remove the key");

        var tree = await ws.RunAsync("scan", "secrets");
        var history = await ws.RunAsync("scan", "secrets", "--history");

        Assert.Equal(0, tree.ExitCode);
        Assert.Equal(3, history.ExitCode);
        Assert.Matches("[0-9a-f]{12}:config.py:1:22: aws-access-key-id", history.Stdout);
        Assert.DoesNotContain(Key, history.Stdout);
    }

    [Fact]
    public async Task ScanSecrets_RulesGitleaks_FindsWhatOnlyGitleaksRulesKnow()
    {
        using var ws = new CliWorkspace();
        var token = "pul-" + string.Concat(Enumerable.Repeat("3f9a0c7e1b", 4));
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "deploy.py"), $"pulumi_login(\"{token}\")\n", ws.Cancellation);

        var defaults = await ws.RunAsync("scan", "secrets");
        var gitleaks = await ws.RunAsync("scan", "secrets", "--rules", "gitleaks");
        var both = await ws.RunAsync("scan", "secrets", "--rules", "gitleaks", "--config", "team.toml");

        Assert.Equal(0, defaults.ExitCode);
        Assert.Equal(3, gitleaks.ExitCode);
        Assert.Contains("deploy.py:1:15: pulumi-api-token", gitleaks.Stdout);
        Assert.DoesNotContain(token, gitleaks.Stdout);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--rules and --config cannot be used together", both.Stderr);
    }

    [Fact]
    public async Task ScanSecrets_RuleFileMissing_IsRefusedWithItsPath()
    {
        using var ws = new CliWorkspace();

        var run = await ws.RunAsync("scan", "secrets", "--config", "rules.toml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("rule file ", run.Stderr);
        Assert.Contains("rules.toml cannot be read", run.Stderr);
    }

    [Fact]
    public async Task ScanSecrets_TreeWithTheRunningControllersLockAndAFifo_SkipsThemAndExits0()
    {
        using var ws = new CliWorkspace();
        Directory.CreateDirectory(Path.Combine(ws.Directory, ".greenlight"));
        // As a running controller holds it: an exclusive lock, which a reader of the file runs into.
        await using var held = new FileStream(Path.Combine(ws.Directory, ".greenlight", "controller.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(Path.Combine(ws.Directory, "run"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(ws.Directory, "run", "events")]))
            await mkfifo.WaitForExitAsync(ws.Cancellation);

        var run = await ws.RunAsync("scan", "secrets");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no secrets found", run.Stdout);
        Assert.Contains("skipped run/events: not a regular file (a FIFO, socket or device): not read", run.Stderr);
        Assert.DoesNotContain("controller.lock", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task ScanSecrets_FileLockedByAnotherProcess_IsNamedAndTheIncompleteScanExits1()
    {
        using var ws = new CliWorkspace();
        var locked = Path.Combine(ws.Directory, "data", "app.db");
        Directory.CreateDirectory(Path.GetDirectoryName(locked)!);
        await File.WriteAllTextAsync(locked, "rows", ws.Cancellation);
        await using var held = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var run = await ws.RunAsync("scan", "secrets");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: data/app.db: cannot be read: locked by another process", run.Stderr);
        Assert.Contains("the scan is incomplete", run.Stdout);
        Assert.DoesNotContain("✔", run.Stdout);
    }

    [Fact]
    public async Task ScanSecrets_Base64EncodedKey_FoundDecodedUnlessDecodingIsOff()
    {
        using var ws = new CliWorkspace();
        var encoded = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Key));
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "secret.yaml"), $"data:\n  key: {encoded}\n", ws.Cancellation);

        var found = await ws.RunAsync("scan", "secrets");
        var off = await ws.RunAsync("scan", "secrets", "--max-decode-depth", "0");
        var bad = await ws.RunAsync("scan", "secrets", "--max-decode-depth", "101");

        Assert.Equal(3, found.ExitCode);
        Assert.Contains("secret.yaml:2:8: aws-access-key-id (decoded: base64): ", found.Stdout);
        Assert.DoesNotContain(encoded[4..], found.Stdout);
        Assert.Equal(0, off.ExitCode);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--max-decode-depth: found 101, expected a number of decoding passes from 0 to 100", bad.Stderr);
    }
}
