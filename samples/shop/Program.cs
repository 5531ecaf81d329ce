using Shop;

// The shop listens on 127.0.0.1:$PORT only: whoever starts it (Greenlight's process target)
// picks the port, and nothing but the local edge is meant to reach it.
if (!int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var port) || port is < 1 or > 65535)
{
    Console.Error.WriteLine("shop: set PORT to the TCP port to listen on at 127.0.0.1 (1-65535)");
    return 2;
}

// Content root beside the binary, so appsettings.json (and its release defaults) is found from any directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);

ShopSettings settings;
try
{
    settings = ShopSettings.From(builder.Configuration);
}
catch (ShopConfigurationException ex)
{
    Console.Error.WriteLine($"shop: {ex.Message}");
    return 2;
}

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<FaultInjection>();
builder.Services.AddSingleton<Sessions>();
builder.Services.AddSingleton<Carts>();

var app = builder.Build();
// Which process answered: a revision may run several, each on its own port.
var instance = $"{Environment.ProcessId}:{port}";
app.Use((context, next) =>
{
    context.Response.Headers["X-Shop-Version"] = settings.Version;
    context.Response.Headers["X-Shop-Instance"] = instance;
    return next(context);
});
app.UseMiddleware<FaultInjection>();
app.UseWebSockets();
app.MapShop();

app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "shop {Version} listening on http://127.0.0.1:{Port} (error rate {ErrorRate}, latency {LatencyMs} ms, healthy {Healthy})",
    settings.Version, port, settings.ErrorRate, settings.LatencyMs, settings.Healthy));

await app.RunAsync();
return 0;
