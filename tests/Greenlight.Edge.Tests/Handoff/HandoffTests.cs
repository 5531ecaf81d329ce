using System.Net;
using System.Net.Http.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Tests.Support;
using Greenlight.Testing;
using Xunit.Abstractions;

namespace Greenlight.Edge.Tests.Handoff;

/// <summary>A planned restart hands the listening sockets to the next edge: under load, nothing is lost.</summary>
public sealed class HandoffTests(ITestOutputHelper output)
{
    private const int Restarts = 20;

    [Fact]
    public async Task TakeOverAsync_TwentyTimesUnderLoadAndRouteChanges_LosesNoRequestAndNoAcknowledgedChange()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var listen = Ports.FreeListen();
        var edge = await EdgeHarness.StartAsync(state.Path);
        var admin = edge.Server.AdminAddress;
        try
        {
            await edge.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 50), (green, 50)));
            using var load = new Load(listen, clients: 6);
            var flips = new Flipper(admin, edge.Server.Token, listen, blue, green);
            await load.WaitForSuccessesAsync(50);

            for (var i = 0; i < Restarts; i++)
            {
                var before = load.Successes;
                var next = await EdgeServer.TakeOverAsync(Options(state.Path));
                Assert.Equal(admin, next.AdminAddress);
                Assert.Equal(Environment.ProcessId, await edge.Server.HandedOver.WaitAsync(TimeSpan.FromSeconds(30)));
                await edge.DisposeAsync(); // stops accepting, drains, closes idle keep-alive connections
                edge = new EdgeHarness(next);
                await load.WaitForSuccessesAsync(before + 20);
            }

            var acknowledged = await flips.StopAsync();
            await load.StopAsync();
            output.WriteLine($"{Restarts} hand-overs: {load.Successes} requests, {load.Failures} failed; {flips.Applied} route changes acknowledged, {flips.Refused} refused while handing over");
            Assert.Empty(load.Errors);
            Assert.True(flips.Applied > 0);
            var served = await edge.Admin.GetFromJsonAsync<AppRoute>("v1/routes/shop", EdgeHarness.Json);
            Assert.Equal(Weights(acknowledged), Weights(served!));
        }
        finally
        {
            await edge.DisposeAsync();
        }
    }

    [Fact]
    public async Task TakeOverAsync_RequestInFlight_FinishesOnTheOldEdgeWhileTheNewOneServes()
    {
        using var state = new TempDirectory();
        await using var blue = await TestBackend.StartAsync("blue");
        var listen = Ports.FreeListen();
        using var logs = new RecordingLogs();
        using var factory = logs.CreateFactory(Microsoft.Extensions.Logging.LogLevel.Information);
        await using var old = new EdgeHarness(await EdgeServer.StartAsync(Options(state.Path), factory));
        await old.ApplyAsync(EdgeHarness.Route("shop", listen, (blue, 100)));
        var slow = EdgeHarness.GetAsync(listen, "/slow");
        await blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(30));

        EdgeServer taken;
        try { taken = await EdgeServer.TakeOverAsync(Options(state.Path)); }
        finally { foreach (var entry in logs.Entries) output.WriteLine(entry.ToString()); }
        await using var next = new EdgeHarness(taken);
        await old.Server.HandedOver.WaitAsync(TimeSpan.FromSeconds(30));
        var draining = old.DisposeAsync().AsTask();
        Assert.Equal("blue", await EdgeHarness.GetAsync(listen));
        Assert.False(draining.IsCompleted);
        blue.Release();
        Assert.Equal("blue", await slow);
        await draining;
    }

    [Fact]
    public async Task TakeOverAsync_NoEdgeRunning_SaysSoAndStartsNothing()
    {
        using var state = new TempDirectory();
        await (await EdgeHarness.StartAsync(state.Path)).DisposeAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => EdgeServer.TakeOverAsync(Options(state.Path)));
        Assert.Contains("no edge to take over", e.Message);
        await using var fresh = await EdgeHarness.StartAsync(state.Path); // the directory is free
    }

    private static EdgeOptions Options(string state) => new() { StateDirectory = state, DrainTimeout = TimeSpan.FromSeconds(10) };

    private static string Weights(AppRoute route) => string.Join(",", route.Backends.Select(b => $"{b.Revision}={b.Weight}"));

    /// <summary>Several clients, each on its own keep-alive connection, requesting through the edge as fast as they can.</summary>
    private sealed class Load : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _clients;
        private long _successes;

        public Load(string listen, int clients) =>
            _clients = [.. Enumerable.Range(0, clients).Select(_ => Task.Run(() => RunAsync(listen)))];

        public long Successes => Interlocked.Read(ref _successes);

        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        public int Failures => Errors.Count;

        public async Task WaitForSuccessesAsync(long count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Successes < count)
                await Task.Delay(5, timeout.Token);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_clients);
        }

        private async Task RunAsync(string listen)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync($"http://{listen}/");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.OK && body is "blue" or "green") Interlocked.Increment(ref _successes);
                    else Errors.Enqueue($"{(int)response.StatusCode}: {body}");
                }
                catch (HttpRequestException e)
                {
                    Errors.Enqueue(e.Message);
                }
            }
        }

        public void Dispose() => _stop.Dispose();
    }

    /// <summary>Flips the weights all along through the admin address, retrying what a hand-over refuses.</summary>
    private sealed class Flipper
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<AppRoute> _loop;
        private int _applied;
        private int _refused;

        public Flipper(Uri admin, string token, string listen, TestBackend blue, TestBackend green) =>
            _loop = Task.Run(() => RunAsync(admin, token, listen, blue, green));

        public int Applied => Volatile.Read(ref _applied);

        public int Refused => Volatile.Read(ref _refused);

        /// <returns>The last route the edge acknowledged.</returns>
        public async Task<AppRoute> StopAsync()
        {
            await _stop.CancelAsync();
            return await _loop;
        }

        private async Task<AppRoute> RunAsync(Uri admin, string token, string listen, TestBackend blue, TestBackend green)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = admin };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            AppRoute? acknowledged = null;
            for (var i = 1; !_stop.IsCancellationRequested; i++)
            {
                var route = EdgeHarness.Route("shop", listen, (blue, i % 100), (green, 100 - i % 100));
                using var response = await http.PutAsJsonAsync("v1/routes/shop", route, EdgeHarness.Json);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged = route;
                    Interlocked.Increment(ref _applied);
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                {
                    Interlocked.Increment(ref _refused);
                }
                else
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                await Task.Delay(10);
            }

            return acknowledged!;
        }
    }
}
