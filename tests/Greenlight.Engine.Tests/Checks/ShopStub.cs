using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Tests.Checks;

/// <summary>A throwaway shop on 127.0.0.1 with a random port: real Kestrel, real HTTP, one per test class.</summary>
public sealed class ShopStub : IAsyncLifetime
{
    public const string Token = "secret-token-42";

    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Completes when <c>GET /slow</c> has arrived, so a test can move its clock while the request hangs.</summary>
    public TaskCompletionSource SlowRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int NeverCalledHits { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/login", (Login login) =>
            login.User == "demo" ? Results.Ok(new { token = Token, user = login.User }) : Results.Unauthorized());
        app.MapPost("/cart", (HttpRequest request, CartItem item) =>
            request.Headers.Authorization == $"Bearer {Token}" ? Results.Created("/cart", new { items = new[] { item } }) : Results.Unauthorized());
        app.MapGet("/unavailable", () => Results.Text("database down", statusCode: 503));
        app.MapGet("/noisy-error", () => Results.Text(new string('x', 5_000), statusCode: 500));
        app.MapGet("/hello", () => "hello world");
        app.MapGet("/profile", () => Results.Json(new { user = "bob" }));
        app.MapGet("/never-called", () => ++NeverCalledHits);
        app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            SlowRequestArrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, aborted);
        });
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private sealed record Login(string User, string Password);

    private sealed record CartItem(string Sku, int Qty);
}
