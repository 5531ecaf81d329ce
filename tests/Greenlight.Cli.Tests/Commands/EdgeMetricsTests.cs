using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Where docs/operations.md says to scrape the edge: its admin address, /metrics, the token in admin.token.</summary>
public sealed class EdgeMetricsTests
{
    [Fact]
    public async Task Up_EdgeAdminGiven_ServesMetricsThereWithTheTokenOnlyAndAgainAfterTheEdgeIsKilled()
    {
        using var ws = new CliWorkspace();
        var admin = Ports.FreeListen();
        await ws.StartControllerAsync(options: ["--edge-admin", admin]);
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
        var token = (await File.ReadAllTextAsync(Path.Combine(ws.Directory, ".greenlight", "edge", "admin.token"), ws.Cancellation)).Trim();
        using var http = new HttpClient { BaseAddress = new Uri($"http://{admin}/") };

        using (var anonymous = await http.GetAsync("metrics", ws.Cancellation))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var metrics = await ScrapeAsync(http, token, ws.Cancellation);
        Assert.Contains("greenlight_edge_requests_total{app=\"shop\",revision=\"1.0\",code=\"2xx\"}", metrics);
        Assert.Contains("greenlight_edge_request_duration_seconds_bucket{app=\"shop\",revision=\"1.0\",le=\"0.005\"}", metrics);
        Assert.Contains("greenlight_edge_requests_in_flight{app=\"shop\",revision=\"1.0\"}", metrics);
        Assert.Contains("# TYPE greenlight_edge_transport_errors_total counter", metrics);
        Assert.Contains("# TYPE greenlight_edge_server_errors_total counter", metrics);

        var edgePid = (await ws.TryApiAsync("v1/status"))!.Value.GetProperty("edge").GetProperty("pid").GetInt32();
        using (var edge = Process.GetProcessById(edgePid))
            edge.Kill();
        while ((await ws.TryApiAsync("v1/status"))?.GetProperty("edge") is not { } report
               || report.GetProperty("restarts").GetInt32() != 1 || report.GetProperty("state").GetString() != "serving")
            await Task.Delay(50, ws.Cancellation);

        Assert.Contains("greenlight_edge_requests_total", await ScrapeAsync(http, token, ws.Cancellation)); // same address
    }

    private static async Task<string> ScrapeAsync(HttpClient http, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }
}
