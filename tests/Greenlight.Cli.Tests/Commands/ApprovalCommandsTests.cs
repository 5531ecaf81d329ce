using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Approvals through a real controller: the server, not the CLI, enforces who may approve.</summary>
public sealed class ApprovalCommandsTests
{
    private readonly string _oneBox = Ports.FreeListen();

    private string Production => $$$"""

        environments:
          - name: production
            approval: {required: 2, from: [approver]}
            regions: [{name: one-box, edge: {listen: {{{_oneBox}}}}}]
        """;

    /// <summary>The controller's API as <paramref name="user"/>: a user the admin creates with <paramref name="roles"/>
    /// on every app and environment, calling with a token of their own.</summary>
    private static async Task<HttpClient> AsAsync(CliWorkspace ws, string user, params string[] roles)
    {
        var state = Path.Combine(ws.Directory, ".greenlight");
        using var endpoint = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "controller.json")));
        var url = new Uri(endpoint.RootElement.GetProperty("Url").GetString()!);
        using var admin = new HttpClient { BaseAddress = url };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(state, "token"))).Trim());
        (await admin.PostAsJsonAsync("v1/users", new { name = user })).EnsureSuccessStatusCode();
        foreach (var role in roles)
            (await admin.PostAsJsonAsync($"v1/users/{user}/grants", new { role, app = "*", environment = "*" })).EnsureSuccessStatusCode();
        using var created = await admin.PostAsJsonAsync("v1/tokens", new { owner = user });
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Api_ReleaseWaitsInProduction_ItsRequesterAndCommitAuthorAreRefused403_TwoDistinctApproversReleaseIt_ThenNothingWaits409()
    {
        using var ws = new CliWorkspace(edit: text => text + Production);
        await ws.StartControllerAsync();
        using var alice = await AsAsync(ws, "alice", "deployer", "approver");
        using var bob = await AsAsync(ws, "bob", "approver");
        using var carol = await AsAsync(ws, "carol", "approver");

        using var deployed = await alice.PostAsJsonAsync("v1/releases", new
        {
            version = "1.0",
            manifest = new { text = File.ReadAllText(ws.ManifestPath), file = ws.ManifestPath, commit = "0a1b2c3d4e5f6071", authorName = "Dora D", authorEmail = "dora@example.com" },
        });
        Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
        var id = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var waiting = await UntilAsync(alice, id, r => r.TryGetProperty("approval", out _));
        Assert.Equal("alice", waiting.GetProperty("requester").GetString());
        Assert.Equal("0 of 2 approvals", waiting.GetProperty("approval").GetProperty("tally").GetProperty("summary").GetString());
        var pending = Assert.Single((await bob.GetFromJsonAsync<JsonElement>("v1/approvals")).EnumerateArray());
        Assert.Equal((id, "production", "alice"), (pending.GetProperty("release").GetString(), pending.GetProperty("environment").GetString(), pending.GetProperty("requester").GetString()));

        using var self = await alice.PostAsJsonAsync($"v1/releases/{id}/approve", new { reason = "lgtm" });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal($"the requester of a release cannot approve it (preventSelfReview): alice requested release {id}",
            (await self.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var dora = await AsAsync(ws, "dora", "approver");
        using var author = await dora.PostAsJsonAsync($"v1/releases/{id}/approve", new { reason = "mine, but fine" });
        Assert.Equal(HttpStatusCode.Forbidden, author.StatusCode);
        Assert.Equal("the git author of the released commit cannot approve it (preventSelfReview): dora is the author of commit 0a1b2c3d4e5f (Dora D <dora@example.com>)",
            (await author.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var noReason = await bob.PostAsJsonAsync($"v1/releases/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await bob.PostAsJsonAsync($"v1/releases/{id}/approve", new { reason = "read the diff" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await carol.PostAsJsonAsync($"v1/releases/{id}/approve", new { reason = "checked" })).StatusCode);
        var done = await UntilAsync(alice, id, r => r.GetProperty("phase").GetString() != "Running");

        Assert.Equal("Completed", done.GetProperty("phase").GetString());
        Assert.Equal("1.0", await ws.VersionAtAsync(_oneBox));
        using var late = await bob.PostAsJsonAsync($"v1/releases/{id}/approve", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Cli_ApproveByTheRequesterIsRefusedNamingTheRule_StatusShowsWhatIsMissing_RejectEndsIt()
    {
        using var ws = new CliWorkspace(edit: text => text + Production);
        await ws.StartControllerAsync();
        var deployed = await ws.RunAsync("deploy", "1.0");
        Assert.True(deployed.ExitCode == 0, deployed.Stdout + deployed.Stderr);
        Assert.Contains("1.0 awaits approval for production: waits for approval: 0 of 2 approvals; `greenlight approve", deployed.Stdout);
        var id = System.Text.RegularExpressions.Regex.Match(deployed.Stdout, @"release (rs-[0-9a-f]+) into").Groups[1].Value;

        // The local controller's one caller is its admin, who requested the release.
        var self = await ws.RunAsync("approve", id, "--reason", "lgtm");
        Assert.Equal(2, self.ExitCode);
        Assert.Contains($"the requester of a release cannot approve it (preventSelfReview): admin requested release {id}", self.Stderr);

        var status = await ws.RunAsync("status", "--app", "shop");
        Assert.Contains("AwaitingApproval", status.Stdout);
        Assert.Contains("awaits approval for production: 0 of 2 approvals", status.Stdout);
        Assert.Contains("production/one-box serves nothing yet", status.Stdout);
        using (var structured = JsonDocument.Parse((await ws.RunAsync("status", "--app", "shop", "--output", "json")).Stdout))
        {
            var tally = structured.RootElement.GetProperty("approval").GetProperty("tally");
            Assert.Equal((2, 0), (tally.GetProperty("required").GetInt32(), tally.GetProperty("counted").GetArrayLength()));
        }

        var rejected = await ws.RunAsync("reject", id, "--reason", "not this week", "--output", "json");
        Assert.Equal(0, rejected.ExitCode);
        using var json = JsonDocument.Parse(rejected.Stdout);
        Assert.Equal("Rejected", json.RootElement.GetProperty("phase").GetString());
        Assert.Equal("production: rejected by admin: not this week", json.RootElement.GetProperty("reason").GetString());
        var history = await ws.RunAsync("history", "--app", "shop");
        Assert.Contains("Rejected", history.Stdout);
    }

    private static async Task<JsonElement> UntilAsync(HttpClient http, string id, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var release = await http.GetFromJsonAsync<JsonElement>($"v1/releases/{id}", timeout.Token);
            if (done(release))
                return release;
            await Task.Delay(100, timeout.Token);
        }
    }
}
