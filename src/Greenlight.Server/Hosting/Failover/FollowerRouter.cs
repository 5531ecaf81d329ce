using Greenlight.Core.Traffic;

namespace Greenlight.Server.Hosting.Failover;

/// <summary>A follower runs no edge: its passive lanes are given this router, which says so if anything asks it.</summary>
public sealed class FollowerRouter : ITrafficRouter
{
    public static readonly FollowerRouter Instance = new();

    public string Name => "follower";

    public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken) => throw Refused();

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => throw Refused();

    public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) => throw Refused();

    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) => throw Refused();

    private static InvalidOperationException Refused() =>
        new("this controller is a follower: it runs no edge, the leader's does the routing");
}
