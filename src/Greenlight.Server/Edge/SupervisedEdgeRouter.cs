using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Server.Edge;

/// <summary>
/// The <c>edge</c> router of a supervised edge: each call goes to the edge serving now. A call that finds
/// the edge gone waits for the restart (about a second) and is made once more; past that it fails with
/// <see cref="EdgeDownException"/>, which says what happened and what the controller does about it.
/// </summary>
internal sealed class SupervisedEdgeRouter(EdgeWatch watch) : ITrafficRouter
{
    private static readonly TimeSpan RestartWait = TimeSpan.FromSeconds(3);

    /// <summary>How often a change refused during a planned restart is tried again.</summary>
    private static readonly TimeSpan HandOverRetry = TimeSpan.FromMilliseconds(50);

    public string Name => "edge";

    public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken) =>
        CallAsync(async router => { await router.ApplyAsync(route, cancellationToken); return true; }, cancellationToken);

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) =>
        CallAsync(router => router.GetAsync(app, cancellationToken), cancellationToken);

    public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) =>
        CallAsync(router => router.RemoveAsync(app, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
        CallAsync(router => router.GetTrafficAsync(app, cancellationToken), cancellationToken);

    // Every admin call is idempotent (a PUT of the whole route, a DELETE, or a read), so making one twice is safe.
    private async Task<T> CallAsync<T>(Func<ITrafficRouter, Task<T>> call, CancellationToken cancellationToken)
    {
        var connection = watch.Connection;
        try
        {
            return await HandOverTolerantAsync(() => call(connection.CreateRouter()), cancellationToken);
        }
        catch (HttpRequestException e) when (e is not EdgeDownException)
        {
            if (!await watch.WaitServingAsync(connection, RestartWait, cancellationToken))
                throw new EdgeDownException(watch.DownReason(e), e);
        }

        try
        {
            return await HandOverTolerantAsync(() => call(watch.Connection.CreateRouter()), cancellationToken);
        }
        catch (HttpRequestException e) when (e is not EdgeDownException)
        {
            throw new EdgeDownException(watch.DownReason(e), e);
        }
    }

    /// <summary>An edge handing over to a new process (<c>greenlight edge restart</c>) refuses changes for a moment with 503; the
    /// new edge answers at the same admin address, so the call is made again until it does (up to the restart wait).</summary>
    private async Task<T> HandOverTolerantAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = watch.Time.GetUtcNow() + RestartWait;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (EdgeAdminException e) when (e.Status == System.Net.HttpStatusCode.ServiceUnavailable && watch.Time.GetUtcNow() < deadline)
            {
                await Task.Delay(HandOverRetry, watch.Time, cancellationToken);
            }
        }
    }
}
