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
}
