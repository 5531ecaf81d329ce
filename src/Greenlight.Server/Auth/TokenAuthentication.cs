using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Greenlight.Core.Access;
using Greenlight.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Greenlight.Server.Auth;

/// <summary>
/// Bearer tokens: the caller becomes <see cref="HttpContext.User"/>, named after the token's owner, with a
/// <see cref="KindClaim"/> of user or service. Refusals are JSON <see cref="ApiError"/>s: 401 for no, a wrong, an
/// expired or a revoked token, 429 with Retry-After while the source address is slowed down.
/// </summary>
internal sealed partial class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logs, UrlEncoder encoder,
    Identities identities, FailedAuthentications failures)
    // The base class would log every challenge at Information: the one line worth it is LogRefused, with the address.
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, encoder)
{
    public const string SchemeName = "greenlight-token";
    public const string KindClaim = "greenlight/kind";
    public const string TokenClaim = "greenlight/token";
    private const string MissingToken =
        "no bearer token: send Authorization: Bearer <token>; the local admin token is in .greenlight/token beside the manifest, or use `greenlight login`";

    private readonly ILogger _log = logs.CreateLogger("greenlight.auth");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.WaitFor(address) is { } wait)
        {
            Context.Items[typeof(FailedAuthentications)] = wait;
            return AuthenticateResult.Fail("too many wrong tokens from this address");
        }
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header[7..].Trim() is not { Length: > 0 } value)
            return AuthenticateResult.Fail(MissingToken);
        var result = await identities.AuthenticateAsync(value, Context.RequestAborted);
        if (result.Failure is { } why)
        {
            failures.Failed(address);
            LogRefused(address, why);
            return AuthenticateResult.Fail(why);
        }
        failures.Succeeded(address);
        Context.Items[typeof(Grants)] = result.Grants;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, result.Principal!.Name),
            new Claim(KindClaim, result.Principal.Kind == PrincipalKind.Service ? "service" : "user"),
            new Claim(TokenClaim, result.Token!.Id),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[typeof(FailedAuthentications)] is TimeSpan wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Response.WriteAsJsonAsync(new ApiError($"too many wrong tokens from {Context.Connection.RemoteIpAddress}: try again in {seconds} s (Retry-After)"));
            return;
        }
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new ApiError($"not authenticated: {result.Failure?.Message ?? MissingToken}"));
    }
}
