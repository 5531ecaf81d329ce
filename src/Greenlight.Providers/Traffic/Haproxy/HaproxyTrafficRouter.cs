using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Traffic;

namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>
/// The <c>haproxy</c> traffic router: one HAProxy process per app, started from a configuration Greenlight writes once in
/// <c>{stateDirectory}/haproxy/{app}/</c>, then driven only through its runtime API (stats socket): weights, server states,
/// addresses and tester maps change with no reload. Only a change to the listener, the sticky cookie or the set of tester
/// header names rewrites the file, and then HAProxy reloads seamlessly (listening sockets handed over).
/// </summary>
internal sealed class HaproxyTrafficRouter(string stateDirectory, TimeProvider time, string? executable = null) : ITrafficRouter
{
    // Debian installs it in /usr/sbin, which an unprivileged user's PATH often lacks.
    private readonly string haproxy = executable ?? (File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy");
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(25);
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Name => "haproxy";

    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        // Refused, never dropped: each app has an HAProxy and a listener of its own here, so a host name would route nothing.
        if (route.Hosts is not null)
            throw new ArgumentException($"route of '{route.App}': hosts (host-based routing) is not supported by the haproxy router; use router \"edge\" or a listen address of the app's own");
        await gate.WaitAsync(cancellationToken);
        try
        {
            var app = For(route.App);
            var previous = HaproxyAppState.Read(app.StateFile);
            var running = previous is not null && app.Process.IsAlive;
            var slots = HaproxySlots.Plan(running ? previous!.Slots : Enumerable.Repeat(HaproxySlot.Free, HaproxySlots.Count).ToArray(), route);
            if (running && HaproxyAppState.Shape(previous!.Route) == HaproxyAppState.Shape(route))
            {
                await WaitFreeAsync(app, previous.Slots, slots, cancellationToken);
                await app.Socket.RunQuietAsync(AddressCommands(previous.Slots, slots), cancellationToken, expectAnswers: true);
                await app.Socket.RunQuietAsync(WeightCommands(previous.Slots, slots), cancellationToken);
                await app.Socket.RunQuietAsync(MapCommands(app, route, slots), cancellationToken);
                WriteMaps(app, route, slots);
                new HaproxyAppState(route, previous.AdminPort, slots).Write(app.StateFile);
                return;
            }

            var state = new HaproxyAppState(route, previous?.AdminPort is > 0 and var port && running ? port : FreeLoopbackPort(), slots);
            Directory.CreateDirectory(app.Directory);
            WriteMaps(app, route, slots);
            File.WriteAllText(app.ConfigFile, HaproxyConfig.Render(app.Directory, app.Socket.Path, route, state.AdminPort, slots));
            await app.Process.StartAsync(app.ConfigFile, app.Socket.Path, cancellationToken);
            state.Write(app.StateFile);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult(HaproxyAppState.Read(For(app).StateFile)?.Route);

    public async Task<bool> RemoveAsync(string app, CancellationToken cancellationToken)
    {
        var files = For(app);
        if (HaproxyAppState.Read(files.StateFile) is null) return false;
        await files.Process.StopAsync(time, cancellationToken);
        File.Delete(files.StateFile);
        return true;
    }

    /// <summary>Per revision: requests (HAProxy's sessions: one per request in HTTP mode), 5xx answers, connection and
    /// response errors, in flight. No latency: HAProxy keeps no per-request histogram (see docs/haproxy.md).</summary>
    public async Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken)
    {
        var files = For(app);
        if (HaproxyAppState.Read(files.StateFile) is not { } state) return new Dictionary<string, RevisionTraffic>();
        var stats = HaproxyServerStat.Parse(await files.Socket.SendAsync("show stat", cancellationToken), HaproxyConfig.Backend);
        var traffic = new Dictionary<string, RevisionTraffic>(StringComparer.Ordinal);
        for (var i = 0; i < state.Slots.Count; i++)
        {
            if (state.Slots[i].Revision is not { } revision || !stats.TryGetValue(HaproxySlots.Name(i), out var s)) continue;
            var sum = traffic.GetValueOrDefault(revision) ?? new RevisionTraffic(0, 0, 0, 0);
            traffic[revision] = new RevisionTraffic(sum.Requests + s.Sessions, sum.ServerErrors + s.ServerErrors,
                sum.TransportErrors + s.TransportErrors, sum.InFlight + s.Current);
        }

        return traffic;
    }

    /// <summary>A slot taken by a newcomer may still finish requests of the revision that left it in an earlier route:
    /// wait until HAProxy shows it idle (no session, nothing queued) before pointing it elsewhere.</summary>
    private async Task WaitFreeAsync(AppFiles app, IReadOnlyList<HaproxySlot> before, IReadOnlyList<HaproxySlot> after, CancellationToken cancellationToken)
    {
        var reused = Enumerable.Range(0, after.Count).Where(i => before[i].Revision is null && after[i].Revision is not null).Select(HaproxySlots.Name).ToArray();
        while (reused.Length > 0)
        {
            var stats = HaproxyServerStat.Parse(await app.Socket.SendAsync("show stat", cancellationToken), HaproxyConfig.Backend);
            if (reused.All(name => stats.TryGetValue(name, out var s) && s.Current == 0 && s.Queued == 0)) return;
            await Task.Delay(DrainPoll, time, cancellationToken);
        }
    }

    private static List<string> AddressCommands(IReadOnlyList<HaproxySlot> before, IReadOnlyList<HaproxySlot> after) =>
        Enumerable.Range(0, after.Count)
            .Where(i => after[i].Address is not null && !Equals(after[i].Address, before[i].Address))
            .Select(i => $"set server {HaproxyConfig.Backend}/{HaproxySlots.Name(i)} addr {after[i].Address!.Address} port {after[i].Address!.Port}")
            .ToList();

    /// <summary>Slots that gain traffic first, then those that lose it, all on one line: HAProxy runs them back to back, so
    /// a flip never leaves a moment with no server ready. A slot that leaves drains (maint keeps in-flight requests).</summary>
    private static List<string> WeightCommands(IReadOnlyList<HaproxySlot> before, IReadOnlyList<HaproxySlot> after)
    {
        var changed = Enumerable.Range(0, after.Count).Where(i => after[i].Weight != before[i].Weight || after[i].State != before[i].State);
        return changed.OrderByDescending(i => after[i].Weight - before[i].Weight)
            .SelectMany(i => new[]
            {
                $"set server {HaproxyConfig.Backend}/{HaproxySlots.Name(i)} weight {after[i].Weight}",
                $"set server {HaproxyConfig.Backend}/{HaproxySlots.Name(i)} state {after[i].State}",
            })
            .ToList();
    }

    private static List<string> MapCommands(AppFiles app, AppRoute route, IReadOnlyList<HaproxySlot> slots)
    {
        var commands = new List<string>();
        var keys = HaproxyAppState.MatchKeys(route);
        for (var i = 0; i < keys.Count; i++)
        {
            var map = HaproxyConfig.MapPath(app.Directory, i);
            commands.Add($"clear map {map}");
            commands.AddRange(HaproxyConfig.MapEntries(route, keys[i], slots).Select(e => $"add map {map} {e.Value} {e.Server}"));
        }

        return commands;
    }

    private static void WriteMaps(AppFiles app, AppRoute route, IReadOnlyList<HaproxySlot> slots)
    {
        var keys = HaproxyAppState.MatchKeys(route);
        for (var i = 0; i < keys.Count; i++) File.WriteAllText(HaproxyConfig.MapPath(app.Directory, i), HaproxyConfig.MapFile(route, keys[i], slots));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private AppFiles For(string app)
    {
        if (app.Length == 0 || app.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || app.StartsWith('.'))
            throw new ArgumentException($"app name '{app}': the haproxy router wants letters, digits, '-', '_' or '.'");
        var directory = Path.Combine(stateDirectory, "haproxy", app);
        var socket = Path.Combine(directory, "admin.sock");
        if (socket.Length > 107)
            throw new ArgumentException($"{socket}: longer than the 107 bytes a unix socket path may have; use a shorter state directory");
        return new AppFiles(directory, new HaproxySocket(socket), new HaproxyProcess(haproxy, directory));
    }

    private sealed record AppFiles(string Directory, HaproxySocket Socket, HaproxyProcess Process)
    {
        public string StateFile => Path.Combine(Directory, "route.json");
        public string ConfigFile => Path.Combine(Directory, "haproxy.cfg");
    }
}
