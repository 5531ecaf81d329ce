namespace Greenlight.Edge.Routing;

internal sealed partial class RouteRegistry
{
    private volatile bool _handingOver;

    /// <summary>
    /// Before the listeners go to the next edge: refuses changes from now on (retryable, see <see cref="RouteHandoffException"/>)
    /// and returns once routes.json holds every change made, acknowledged or on its way, which the next edge restores.
    /// Throws, refusing nothing more, when the table cannot be saved.
    /// </summary>
    public async Task FreezeAsync(CancellationToken cancellationToken)
    {
        _handingOver = true;
        try
        {
            // A move saves under the gate; other changes have taken their number under it, which the save below covers.
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await SavedAsync(Volatile.Read(ref _changed), cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch
        {
            _handingOver = false;
            throw;
        }
    }

    /// <summary>The hand-over failed: this edge goes on serving and accepting changes.</summary>
    public void Thaw() => _handingOver = false;

    private void RefuseWhileHandingOver()
    {
        if (_handingOver) throw new RouteHandoffException();
    }
}

/// <summary>A route change arrived while the edge hands its listeners to a new edge process: retry in a moment (the admin
/// address stays the same, the new edge answers it).</summary>
internal sealed class RouteHandoffException() : Exception("the edge is handing over to a new edge process (planned restart); retry in a moment");
