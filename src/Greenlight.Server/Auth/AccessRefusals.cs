using Greenlight.Server.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Auth;

/// <summary>A refused authorization answers 403 with JSON saying what was needed; an unauthenticated one, the challenge (401 or 429).</summary>
internal sealed class AccessRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        var why = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message).FirstOrDefault()
            ?? $"{Caller.NameOf(context)} may not call {context.Request.Method} {context.Request.Path}";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new ApiError(why));
    }
}
