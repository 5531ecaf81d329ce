using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Api;

/// <summary>Who made an API call, as the audit log, approvals and notifications name them.</summary>
public static class Caller
{
    /// <summary>The local single-user token acts as the admin.</summary>
    public const string LocalAdmin = "admin";

    public static string NameOf(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : LocalAdmin;
}
