using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Audit;

/// <summary>
/// What an endpoint tells the audit log about the change it made, where the route alone does not say it (who got which
/// role, whose token): names and roles only, never a token value or any other secret.
/// </summary>
internal static class AuditNote
{
    private static readonly object Key = new();

    public sealed record Note(string Subject, string? Before, string? After);

    public static void Set(HttpContext context, string subject, string? before, string? after) => context.Items[Key] = new Note(subject, before, after);

    public static Note? Of(HttpContext context) => context.Items.TryGetValue(Key, out var note) ? note as Note : null;
}
