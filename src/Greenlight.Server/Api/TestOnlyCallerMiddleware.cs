using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Api;

/// <summary>
/// TEST ONLY, until people and tokens exist: a controller started with <see cref="Variable"/>=1 in its environment names
/// the caller of each request (already authenticated by the controller's token) from the <see cref="Header"/> header,
/// so that tests can approve as several people. Never set it on a controller people use: anyone with the token could
/// then call as anyone. Removed when real tokens name the caller.
/// </summary>
internal sealed class TestOnlyCallerMiddleware(RequestDelegate next)
{
    public const string Variable = "GREENLIGHT_TEST_ONLY_CALLER_HEADER";
    public const string Header = "X-Test-Only-Caller";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers[Header].ToString() is { Length: > 0 } name)
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test-only"));
        return next(context);
    }
}
