namespace Shop;

/// <summary>Adds the configured latency and answers a fraction of the shopping requests with 500,
/// so that releases can be told apart by their behaviour and not only by their number.</summary>
/// <remarks>/health and /version are left alone: probes must see the configured health, not noise.</remarks>
internal sealed class FaultInjection(ShopSettings settings) : IMiddleware
{
    private static readonly string[] FaultyPaths = ["/", "/cart", "/login"];

    // Seeded so that a run can be replayed; the lock keeps Random's state sane under concurrency.
    private readonly Random random = new(settings.Seed);
    private readonly Lock gate = new();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!FaultyPaths.Contains(context.Request.Path.Value ?? "/", StringComparer.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (settings.LatencyMs > 0)
        {
            await Task.Delay(settings.LatencyMs, context.RequestAborted);
        }

        if (ShouldFail())
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("injected failure\n", context.RequestAborted);
            return;
        }

        await next(context);
    }

    private bool ShouldFail()
    {
        if (settings.FailFile is { } file && File.Exists(file))
        {
            return true;
        }

        if (settings.ErrorRate <= 0)
        {
            return false;
        }

        lock (gate)
        {
            return random.NextDouble() < settings.ErrorRate;
        }
    }
}
