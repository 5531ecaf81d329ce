using Greenlight.Testing;
using System.Net;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;

namespace Greenlight.Edge.Tests.Forwarding;

public sealed class ForwardingLogTests
{
    [Fact]
    public async Task Forward_LoggingAtInformation_WritesNothingPerRequestButWarnsOnTransportErrors()
    {
        using var state = new TempDirectory();
        var logs = new RecordingLogs();
        // Information for every category, Microsoft and YARP included: YARP alone would log two lines per request.
        using var factory = logs.CreateFactory(Microsoft.Extensions.Logging.LogLevel.Information);
        await using var edge = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = state.Path }, factory);
        await using var blue = await TestBackend.StartAsync("blue");
        using var admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = edge.AdminAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", edge.Token);
        var listen = Ports.FreeListen();
        var dead = new Uri($"http://127.0.0.1:{Ports.Free()}/");
        using (await admin.PutAsync("v1/routes/shop", System.Net.Http.Json.JsonContent.Create(
            new AppRoute("shop", listen, [new RouteBackend("blue", blue.Address, 1), new RouteBackend("dead", dead, 0)]), options: EdgeHarness.Json))) { }
        var before = logs.Entries.Count;

        for (var i = 0; i < 20; i++) await EdgeHarness.GetAsync(listen);
        var perRequest = logs.Entries.Skip(before).ToArray();
        using (await admin.PutAsync("v1/routes/shop", System.Net.Http.Json.JsonContent.Create(
            new AppRoute("shop", listen, [new RouteBackend("dead", dead, 1)]), options: EdgeHarness.Json))) { }
        using var failed = await EdgeHarness.Client.GetAsync($"http://{listen}/");

        Assert.Empty(perRequest);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        await Eventually.Until(() => Task.FromResult(logs.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains("shop: revision dead at " + dead))), "the transport error is logged as a warning");
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(edge.Token));
    }
}
