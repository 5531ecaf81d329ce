using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Api;

/// <summary>Every API call must carry the controller's token; compared in constant time.</summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, byte[] token)
{
    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(header[7..]) : [];
        if (CryptographicOperations.FixedTimeEquals(presented, token))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new ApiError("missing or wrong bearer token; the token is in .greenlight/token beside the manifest"));
    }
}

/// <summary>Every refusal of the API: what was wrong and what is expected, and the fields at fault when there are any.</summary>
public sealed record ApiError(
    string Error,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<ApiFieldError>? Errors = null);

/// <param name="Field">A query parameter, a body field (e.g. <c>hotfix</c>), or <c>body</c> for the whole body.</param>
public sealed record ApiFieldError(string Field, string Reason);
