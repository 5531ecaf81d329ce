namespace Greenlight.Core.Access;

public enum PrincipalKind { User, Service }

/// <summary>A person (user) or a machine (service account) that calls the API with tokens of its own.</summary>
/// <param name="DisabledAt">Set once the principal is disabled: none of its tokens authenticates any more.</param>
public sealed record Principal(string Name, PrincipalKind Kind, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt = null)
{
    /// <summary>The user the controller creates on its first start, holder of the local token file.</summary>
    public const string Admin = "admin";

    /// <summary>Letters, digits, '.', '_', '-' and '@', 1 to 64 of them: a name fits a URL path and a log line.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@') && name != RoleGrant.All;
}

/// <summary>A token as listed: never its value, which is shown once at creation and stored only as a hash.</summary>
/// <param name="ExpiresAt">Null: never expires (only the local admin token made on first start, or <c>--expires never</c>).</param>
public sealed record ApiToken(string Id, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt = null, DateTimeOffset? RevokedAt = null)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } at && at <= now;
}
