using Greenlight.Testing;
using System.Text;
using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Core.Secrets;
using Greenlight.Testing.Vault;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>
/// Planted secrets from every source reach the revisions that use them, through releases, a rotation, a rollback and
/// failures, with the real controller, edge and processes; then no file of the state directory (but the live secret
/// file of the revision that serves), no log and no API response holds any of them.
/// </summary>
public sealed class SecretsReleaseTests
{
    private static readonly string Manifest = """
        secrets:
          SHOP_DB_PASSWORD: store:shop/db-password
          SHOP_TLS_KEY: {ref: store:shop/tls, file: true}
          SHOP_API_TOKEN: vault:secret/shop/api#token
          SHOP_LICENSE: env:GL_TEST_LICENSE
          SHOP_PEPPER: file:pepper.txt

        """;

    private readonly Dictionary<string, string> _planted = new()
    {
        ["db"] = Plant("db"), ["db2"] = Plant("db2"), ["tls"] = Plant("tls"), ["vault"] = Plant("vault"), ["env"] = Plant("env"), ["file"] = Plant("file"),
    };

    private static string Plant(string what) => $"planted-{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task ReleasesRollbackAndFailures_EachRevisionGetsItsSecrets_AndNoFileLogOrApiResponseHoldsOne()
    {
        await using var vault = await FakeVaultServer.StartAsync();
        vault.Put("secret/shop/api", new Dictionary<string, object> { ["token"] = _planted["vault"] });
        using var ws = new CliWorkspace(edit: text => text + Manifest);
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "pepper.txt"), _planted["file"], ws.Cancellation);
        var outputs = new List<CliResult>
        {
            await ws.RunWithInputAsync(_planted["db"] + "\n", "secrets", "set", "shop/db-password"),
            await ws.RunWithInputAsync(_planted["tls"], "secrets", "set", "shop/tls"),
        };
        await ws.StartControllerAsync(new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = vault.Address.ToString(), ["VAULT_TOKEN"] = vault.IssueToken(), ["GL_TEST_LICENSE"] = _planted["env"],
        });
        var state = Path.Combine(ws.Directory, ".greenlight");

        outputs.Add(await ws.RunAsync("deploy", "1.0"));
        var first = Environ(Assert.Single(ws.Revisions("1.0")));
        var tlsFile = Path.Combine(state, "secret-files", "shop", "1.0", "SHOP_TLS_KEY");
        Assert.Equal(0, outputs[^1].ExitCode);
        Assert.Equal(_planted["db"], first["SHOP_DB_PASSWORD"]);
        Assert.Equal(_planted["vault"], first["SHOP_API_TOKEN"]);
        Assert.Equal(_planted["env"], first["SHOP_LICENSE"]);
        Assert.Equal(_planted["file"], first["SHOP_PEPPER"]);
        Assert.Equal(tlsFile, first["SHOP_TLS_KEY"]);
        Assert.Equal(_planted["tls"], await File.ReadAllTextAsync(tlsFile, ws.Cancellation));

        // A rotation reaches the next release only; a rollback returns to the revision that kept the old version.
        outputs.Add(await ws.RunWithInputAsync(_planted["db2"], "secrets", "rotate", "shop/db-password"));
        outputs.Add(await ws.RunAsync("deploy", "2.0"));
        Assert.Equal(0, outputs[^1].ExitCode);
        Assert.Equal(_planted["db2"], Environ(Assert.Single(ws.Revisions("2.0")))["SHOP_DB_PASSWORD"]);
        outputs.Add(await ws.RunAsync("rollback"));
        Assert.Equal(0, outputs[^1].ExitCode);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        Assert.False(Directory.Exists(Path.Combine(state, "secret-files", "shop", "2.0")));

        // A release that fails its health check after it got its secrets, and one whose secret cannot be read.
        outputs.Add(await ws.RunAsync("deploy", "2.1"));
        Assert.Equal(3, outputs[^1].ExitCode);
        Assert.False(Directory.Exists(Path.Combine(state, "secret-files", "shop", "2.1")));
        vault.DeleteLatest("secret/shop/api");
        outputs.Add(await ws.RunAsync("deploy", "3.0"));
        Assert.Equal(3, outputs[^1].ExitCode);
        Assert.Contains("secret SHOP_API_TOKEN: vault:secret/shop/api#token: its latest version (1) was deleted", outputs[^1].Stdout);
        Assert.Empty(ws.Revisions("3.0"));
        Assert.Equal("1.0", await ws.PublicVersionAsync());

        outputs.Add(await ws.RunAsync("status"));
        outputs.Add(await ws.RunAsync("history", "--output", "json"));
        outputs.Add(await ws.RunAsync("secrets", "list"));
        var seen = new StringBuilder();
        foreach (var output in outputs)
            seen.Append(output.Stdout).Append(output.Stderr);
        seen.AppendJoin('\n', ws.ControllerOutput);
        foreach (var response in await ApiResponsesAsync(ws))
            seen.Append(response);
        Assert.All(_planted.Values, value => Assert.DoesNotContain(value, seen.ToString()));

        // Lock files are held (flock) by the controller and the edge, so they are not opened: they must be empty.
        Assert.All(StoredFiles.Locks(state), f => Assert.Equal(0, new FileInfo(f).Length));
        var files = StoredFiles.Readable(state);
        var holding = files
            .Where(f => _planted.Values.Any(Encoding.UTF8.GetString(File.ReadAllBytes(f)).Contains)).ToList();
        Assert.Equal([tlsFile], holding); // the secret file of 1.0, which serves
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(tlsFile));
        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine("logs", "shop-1.0.log"), StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine("edge", "edge.log"), StringComparison.Ordinal));
    }

    /// <summary>Every read endpoint, for every release recorded, and what the dashboard reads: its live stream, DORA and the audit log.</summary>
    private static async Task<IReadOnlyList<string>> ApiResponsesAsync(CliWorkspace ws)
    {
        var responses = new List<string>();
        async Task<JsonElement> Get(string path)
        {
            var answer = await ws.TryApiAsync(path) ?? throw new InvalidOperationException($"{path} did not answer");
            responses.Add(answer.GetRawText());
            return answer;
        }
        foreach (var path in (string[])["v1/status", "v1/pipelines", "v1/drift", "v1/dora", "v1/users", "v1/tokens", "v1/whoami", "v1/audit?limit=500", "v1/audit/verify"])
            await Get(path);
        responses.Add(await FirstStreamEventAsync(ws));
        var rollouts = (await Get("v1/rollouts?limit=500")).EnumerateArray().ToList();
        Assert.True(rollouts.Count >= 4, $"{rollouts.Count} rollouts: every release (1.0, 2.0, 2.1, 3.0) should be listed");
        foreach (var rollout in rollouts)
        {
            var id = rollout.GetProperty("id").GetString();
            await Get($"v1/rollouts/{id}");
            await Get($"v1/rollouts/{id}/events");
        }
        return responses;
    }

    /// <summary>The dashboard's live stream (server-sent events) up to the end of its first event.</summary>
    private static async Task<string> FirstStreamEventAsync(CliWorkspace ws)
    {
        using var http = await ws.ApiClientAsync();
        using var response = await http.GetAsync("v1/stream", HttpCompletionOption.ResponseHeadersRead, ws.Cancellation);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ws.Cancellation));
        var first = new StringBuilder();
        while (await reader.ReadLineAsync(ws.Cancellation) is { Length: > 0 } line)
            first.AppendLine(line);
        Assert.StartsWith("event: snapshot", first.ToString());
        return first.ToString();
    }

    private static Dictionary<string, string> Environ(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
}
