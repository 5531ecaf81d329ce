using System.Net;
using Greenlight.Core.Traffic;

namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>What one server slot of the app's backend holds. <see cref="Revision"/> null: free (in maintenance).</summary>
/// <param name="State">HAProxy's admin state for it: ready (takes its weight), drain (only pinned requests: a tester route
/// to a weight-0 revision) or maint (nothing new).</param>
internal sealed record HaproxySlot(string? Revision, int Instance, IPEndPoint? Address, int Weight, string State)
{
    public static HaproxySlot Free { get; } = new(null, 0, null, 0, "maint");
}

/// <summary>
/// Places a route's revisions in the backend's fixed server slots. Slots rather than <c>add server</c>: HAProxy 2.6 does not
/// accept <c>cookie</c> on a dynamic server, and sticky users and tester routes both need a cookie per server.
/// </summary>
internal static class HaproxySlots
{
    /// <summary>Server slots per app backend: revisions × instances beyond this are refused.</summary>
    public const int Count = 16;

    public static string Name(int slot) => "s" + (slot + 1);

    /// <summary>The slots after applying <paramref name="route"/>: a revision keeps its slots; a newcomer takes slots that were
    /// already free (never one freed by this same route, whose requests may still be in flight).</summary>
    public static HaproxySlot[] Plan(IReadOnlyList<HaproxySlot> previous, AppRoute route)
    {
        var pinned = (route.Matches ?? []).Select(m => m.Revision).ToHashSet(StringComparer.Ordinal);
        var total = route.Backends.Sum(b => Math.Max(b.Weight, 0));
        var next = previous.Select(s => s.Revision is null ? s : HaproxySlot.Free).ToArray();
        var free = new Queue<int>(Enumerable.Range(0, previous.Count).Where(i => previous[i].Revision is null));
        foreach (var backend in route.Backends)
        {
            var addresses = backend.Addresses;
            for (var instance = 0; instance < addresses.Count; instance++)
            {
                var weight = Scale(backend.Weight, total, addresses.Count);
                var state = weight > 0 ? "ready" : pinned.Contains(backend.Revision) ? "drain" : "maint";
                var slot = new HaproxySlot(backend.Revision, instance, Resolve(backend.Revision, addresses[instance]), weight, state);
                var at = Find(previous, backend.Revision, instance);
                if (at < 0)
                {
                    if (!free.TryDequeue(out at))
                        throw new ArgumentException($"route of '{route.App}': more than {Count} revision instances; the haproxy router has {Count} server slots per app");
                }
                next[at] = slot;
            }
        }

        return next;
    }

    /// <summary>HAProxy weights run 0–256: a revision's share of <paramref name="total"/>, spread over its instances.</summary>
    private static int Scale(int weight, int total, int instances) =>
        weight <= 0 || total <= 0 ? 0 : Math.Max(1, (int)Math.Round(weight * 256.0 / total / instances));

    private static int Find(IReadOnlyList<HaproxySlot> slots, string revision, int instance)
    {
        for (var i = 0; i < slots.Count; i++)
            if (slots[i].Revision == revision && slots[i].Instance == instance) return i;
        return -1;
    }

    private static IPEndPoint Resolve(string revision, Uri address)
    {
        var ip = address.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? IPAddress.Parse(address.IdnHost)
            : Dns.GetHostAddresses(address.IdnHost).FirstOrDefault()
              ?? throw new ArgumentException($"revision '{revision}': address {address} does not resolve");
        return new IPEndPoint(ip, address.Port);
    }
}
