using System.Diagnostics;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Tests.Metrics.Support;
using Greenlight.Providers.Traffic.Haproxy;
using Greenlight.Testing;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Providers.Tests.Traffic.Haproxy;

/// <summary>A haproxy router in a fresh state directory, one app on a free loopback port, and two Kestrel revisions answering
/// their name: <c>/slow</c> waits for <see cref="ReleaseSlow"/>, <c>/fail</c> answers 500 on v2.</summary>
internal sealed class HaproxyScope : IAsyncDisposable
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "gl-hx-" + Guid.NewGuid().ToString("N")[..8]);

    private HaproxyScope(LoopbackApp v1, LoopbackApp v2)
    {
        V1 = v1;
        V2 = v2;
        Router = new HaproxyTrafficRouter(directory, TimeProvider.System);
    }

    public string App { get; } = "shop-" + Guid.NewGuid().ToString("N")[..6];
    public string Listen { get; } = Ports.FreeListen();
    public LoopbackApp V1 { get; }
    public LoopbackApp V2 { get; }
    public HaproxyTrafficRouter Router { get; }
    public TaskCompletionSource SlowArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Uri Url => new($"http://{Listen}/");
    public string Socket => Path.Combine(directory, "haproxy", App, "admin.sock");

    /// <summary>The loopback port of HAProxy's Prometheus exporter, as the router recorded it in route.json.</summary>
    public int AdminPort => System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "haproxy", App, "route.json")))
        .RootElement.GetProperty("adminPort").GetInt32();

    public static async Task<HaproxyScope> StartAsync()
    {
        HaproxyScope? scope = null;
        var v1 = await LoopbackApp.StartAsync(context => scope!.Answer("v1", context));
        var v2 = await LoopbackApp.StartAsync(context => scope!.Answer("v2", context));
        return scope = new HaproxyScope(v1, v2);
    }

    public AppRoute Route(int v1, int v2, StickyRoute? sticky = null, IReadOnlyList<MatchRoute>? matches = null) =>
        new(App, Listen, [new RouteBackend("v1", V1.Address, v1), new RouteBackend("v2", V2.Address, v2)], sticky, matches);

    public void ReleaseSlow() => release.TrySetResult();

    public int? HaproxyPid => int.TryParse(File.ReadAllText(Path.Combine(directory, "haproxy", App, "haproxy.pid")).Trim(), out var pid) ? pid : null;

    private async Task Answer(string version, HttpContext context)
    {
        if (context.Request.Path == "/slow")
        {
            SlowArrived.TrySetResult();
            await release.Task;
        }

        if (context.Request.Path == "/fail" && version == "v2") context.Response.StatusCode = 500;
        if (context.Request.Path == "/forwarded")
        {
            var h = context.Request.Headers;
            await context.Response.WriteAsync($"{h["X-Forwarded-For"]}|{h["X-Forwarded-Proto"]}|{h["X-Forwarded-Host"]}");
            return;
        }

        await context.Response.WriteAsync(version);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseSlow();
        try
        {
            if (HaproxyPid is { } pid) Process.GetProcessById(pid).Kill();
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            // already gone (the kill test) or never started
        }

        await V1.DisposeAsync();
        await V2.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
