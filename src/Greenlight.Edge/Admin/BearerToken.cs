using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Admin;

/// <summary>Guards every admin endpoint, /metrics included: route changes and traffic data are for the controller only.</summary>
internal sealed class BearerToken(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public bool Accepts(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        // Constant time, so response timing does not reveal how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), _expected);
    }

    public async Task Guard(HttpContext context, RequestDelegate next)
    {
        if (Accepts(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await AdminResults.Error(StatusCodes.Status401Unauthorized, "a valid 'Authorization: Bearer <token>' header is required (see admin.token)")
            .ExecuteAsync(context);
    }
}
