using System.Net;

namespace Shop;

internal sealed record LoginRequest(string? User, string? Password);

internal sealed record CartRequest(string? Sku, int Qty);

internal static class ShopEndpoints
{
    public static void MapShop(this WebApplication app)
    {
        app.MapGet("/", (ShopSettings shop) => Results.Content(HomePage(shop.Version), "text/html; charset=utf-8"));
        app.MapGet("/health", (ShopSettings shop) => shop.Healthy
            ? Results.Text("ok\n")
            : Results.Text("unhealthy\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/version", (ShopSettings shop) => Results.Ok(new
        {
            version = shop.Version,
            errorRate = shop.ErrorRate,
            latencyMs = shop.LatencyMs,
            healthy = shop.Healthy,
        }));

        app.Map("/ws", EchoSocket.HandleAsync);

        app.MapPost("/login", (LoginRequest login, Sessions sessions) => Sessions.IsValidLogin(login.User, login.Password)
            ? Results.Ok(new { token = sessions.Open(login.User!).Token, user = login.User })
            : Results.Unauthorized());

        app.MapGet("/cart", (HttpRequest request, Sessions sessions, Carts carts) =>
            sessions.Find(request) is { } session ? Results.Ok(carts.View(session)) : Results.Unauthorized());
        app.MapPost("/cart", (CartRequest line, HttpRequest request, Sessions sessions, Carts carts) =>
        {
            if (sessions.Find(request) is not { } session)
            {
                return Results.Unauthorized();
            }

            return string.IsNullOrWhiteSpace(line.Sku) || line.Qty <= 0
                ? Results.BadRequest(new { error = "sku must be set and qty must be 1 or more" })
                : Results.Json(carts.Add(session, line.Sku, line.Qty), statusCode: StatusCodes.Status201Created);
        });
    }

    private static string HomePage(string version)
    {
        var encoded = WebUtility.HtmlEncode(version);
        return $"""
            <!doctype html>
            <html><head><title>Shop {encoded}</title></head>
            <body><h1>Shop</h1><p>Version {encoded}</p></body></html>

            """;
    }
}
