using System.Diagnostics;
using System.Globalization;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic;

namespace Greenlight.Bench.Edge;

/// <summary>The app's router comes from <see cref="TrafficRouters.ForApps"/> over a real manifest, as in <c>greenlight up</c>:
/// its haproxy.cfg is Greenlight's, and every weight change goes through the stats socket as in a canary step or a flip.</summary>
internal static class HaproxyDriver
{
    private const string App = "bench";

    public static async Task<int> RunAsync(string stateDirectory, string listen, Uri blue, Uri green)
    {
        var yaml = $"app: {App}\nrun:\n  command: 'true'\nedge:\n  listen: {listen}\n  router: haproxy\n";
        var manifest = ManifestLoader.Parse(yaml, Path.Combine(stateDirectory, "greenlight.yaml"));
        if (!manifest.IsValid)
        {
            foreach (var e in manifest.Errors) Console.Error.WriteLine(e);
            return 1;
        }

        var router = TrafficRouters.ForApps([manifest.Manifest], new NoEdge(), stateDirectory, TimeProvider.System);
        while (Console.ReadLine()?.Trim() is { Length: > 0 } line)
        {
            if (line == "stop")
            {
                await router.RemoveAsync(App, CancellationToken.None);
                Console.WriteLine("ok");
                return 0;
            }

            var w = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var start = Stopwatch.GetTimestamp();
            await router.ApplyAsync(new AppRoute(App, listen, [new RouteBackend("blue", blue, w[0]), new RouteBackend("green", green, w[1])]), CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok {Stopwatch.GetElapsedTime(start).TotalMilliseconds:0.00}"));
        }

        return 0;
    }

    /// <summary>The embedded edge's place in ForApps: the bench's only app is on haproxy, so nothing reaches it.</summary>
    private sealed class NoEdge : ITrafficRouter
    {
        public string Name => "edge";

        public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken) => throw Unused();

        public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => throw Unused();

        public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) => throw Unused();

        public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) => throw Unused();

        private static InvalidOperationException Unused() => new("the bench app is routed by haproxy, not the embedded edge");
    }
}
