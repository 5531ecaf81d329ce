using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greenlight.Edge.Tests.Support;

/// <summary>
/// A throwaway revision on 127.0.0.1:0 answering its own name. <c>/slow</c> holds the request until
/// <see cref="Release"/>, <c>/fail</c> answers 500.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slowEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestBackend(string name, WebApplication web)
    {
        Name = name;
        _web = web;
        Address = new Uri(web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>Completes once a /slow request has arrived and is being held.</summary>
    public Task SlowEntered => _slowEntered.Task;

    public static async Task<TestBackend> StartAsync(string name)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        TestBackend? self = null;
        web.Run(async context =>
        {
            if (context.Request.Path == "/fail") context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            if (context.Request.Path == "/slow")
            {
                self!._slowEntered.TrySetResult();
                await self._release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            await context.Response.WriteAsync(name);
        });
        await web.StartAsync();
        self = new TestBackend(name, web);
        return self;
    }

    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
