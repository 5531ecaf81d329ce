using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenlight.Cli.Tests.Commands;

namespace Greenlight.Cli.Tests.Audit;

/// <summary>A real controller audits each mutating API call, refusals included, and no read.</summary>
public sealed class ApiAuditTests(ControllerFixture controller) : IClassFixture<ControllerFixture>
{
    [Fact]
    public async Task MutatingCalls_RefusedOnesIncluded_AreAuditedWithCallerSourceRequestAndOutcome()
    {
        var requestId = $"audit-{Guid.NewGuid():N}";
        using var rollback = new HttpRequestMessage(HttpMethod.Post, "v1/rollback");
        rollback.Headers.Add("X-Request-Id", requestId);
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "v1/abort");
        anonymous.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        var refused = await controller.Http.SendAsync(rollback);
        var unauthenticated = await controller.Http.SendAsync(anonymous);
        await controller.Http.GetAsync("v1/status");
        var export = Path.Combine(controller.Workspace.Directory, $"export-{Guid.NewGuid():N}");
        var exported = await controller.Workspace.RunAsync("audit", "export", "--out", export);
        var verify = await controller.Workspace.RunAsync("audit", "verify");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.True(exported.ExitCode == 0 && verify.ExitCode == 0, exported.Stderr + verify.Stderr);
        var entries = File.ReadAllLines(Path.Combine(export, "entries.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var audited = Assert.Single(entries, e => e.TryGetProperty("request", out var r) && r.GetString() == requestId);
        Assert.Equal(("POST /v1/rollback", "admin", "refused", 409, "127.0.0.1"),
            (audited.GetProperty("action").GetString(), audited.GetProperty("actor").GetString(), audited.GetProperty("outcome").GetString(),
             audited.GetProperty("status").GetInt32(), audited.GetProperty("source").GetString()));
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "POST /v1/abort" && e.GetProperty("actor").GetString() == "(unauthenticated)"
            && e.GetProperty("status").GetInt32() == 401);
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString()!.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserRoleAndTokenChanges_AreAuditedWithBeforeAndAfter_NeverTheTokenValue()
    {
        var name = $"auditor-{Guid.NewGuid():N}"[..16];
        (await controller.Http.PostAsync("v1/users", Json(new { name }))).EnsureSuccessStatusCode();
        (await controller.Http.PostAsync($"v1/users/{name}/grants", Json(new { role = "approver", app = "shop", environment = "production" }))).EnsureSuccessStatusCode();
        using var created = await controller.Http.PostAsync("v1/tokens", Json(new { owner = name }));
        created.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        (await controller.Http.DeleteAsync($"v1/tokens/{token.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        var export = Path.Combine(controller.Workspace.Directory, $"export-{Guid.NewGuid():N}");
        Assert.Equal(0, (await controller.Workspace.RunAsync("audit", "export", "--out", export)).ExitCode);

        var lines = File.ReadAllLines(Path.Combine(export, "entries.jsonl"));
        Assert.DoesNotContain(lines, l => l.Contains(token.GetProperty("token").GetString()!, StringComparison.Ordinal));
        var mine = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("subject").GetString()!.Contains(name, StringComparison.Ordinal))
            .Select(e => $"{e.GetProperty("action").GetString()} | {e.GetProperty("subject").GetString()} | {Text(e, "before")} -> {Text(e, "after")}").ToList();
        var id = token.GetProperty("id").GetString();
        Assert.Equal(
            [$"POST /v1/users | user {name} |  -> user {name}",
             $"POST /v1/users/{{name}}/grants | user {name} | no role -> approver on shop/production",
             $"POST /v1/tokens | token {id} of {name} |  -> created, expires {token.GetProperty("expiresAt").GetDateTimeOffset():u}",
             $"DELETE /v1/tokens/{{id}} | token {id} of {name} | active -> revoked"],
            mine);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static string? Text(JsonElement entry, string field) => entry.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
