using Microsoft.AspNetCore.Http;

namespace Greenlight.Providers.Tests.Metrics.Support;

/// <summary>A revision behind the edge that counts what it served, so tests compare providers with the truth.</summary>
internal sealed class CountingRevision : IAsyncDisposable
{
    private readonly int failEvery;
    private LoopbackApp? app;
    private int requests;
    private int errors;

    private CountingRevision(string name, int failEvery)
    {
        Name = name;
        this.failEvery = failEvery;
    }

    public string Name { get; }

    public Uri Address => app!.Address;

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Requests answered 500.</summary>
    public int Errors => Volatile.Read(ref errors);

    /// <param name="failEvery">Answers 500 to every n-th request it gets (whatever the edge's split); 0 never.</param>
    public static async Task<CountingRevision> StartAsync(string name, int failEvery)
    {
        var revision = new CountingRevision(name, failEvery);
        revision.app = await LoopbackApp.StartAsync(revision.HandleAsync);
        return revision;
    }

    public ValueTask DisposeAsync() => app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private Task HandleAsync(HttpContext context)
    {
        var count = Interlocked.Increment(ref requests);
        if (failEvery > 0 && count % failEvery == 0)
        {
            Interlocked.Increment(ref errors);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        return context.Response.WriteAsync(Name);
    }
}
