using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Dashboard;

/// <summary>
/// The dashboard's page, style and script, embedded in this assembly and served on the API's listener under
/// <c>/dashboard/</c>. They hold no data and are served before the bearer-token check, so the page can ask for the
/// token; everything it shows comes from the API, with the token. The Content-Security-Policy lets the page load
/// nothing from anywhere but this listener, run no inline script and be framed by nobody.
/// </summary>
internal sealed class DashboardAssets(RequestDelegate next)
{
    public const string Prefix = "/dashboard/";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (byte[] Body, string Type)> Files = Load();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var path = request.Path.Value ?? "";
        if (path is "/" or "/dashboard")
        {
            context.Response.Redirect(Prefix);
            return;
        }
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var name = path[Prefix.Length..] is "" ? "index.html" : path[Prefix.Length..];
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-cache";
        if (!Files.TryGetValue(name, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            await response.WriteAsJsonAsync(new Api.ApiError($"no dashboard file {name}"));
            return;
        }
        response.ContentType = file.Type;
        response.ContentLength = file.Body.Length;
        if (HttpMethods.IsGet(request.Method))
            await response.Body.WriteAsync(file.Body, context.RequestAborted);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string root = "dashboard/";
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(root, StringComparison.Ordinal)).ToDictionary(
            n => n[root.Length..],
            n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (copy.ToArray(), TypeOf(n));
            },
            StringComparer.Ordinal);
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
