namespace Greenlight.Core.Access;

/// <summary>A role given to <paramref name="Principal"/> on an app and environment, each a name or <c>*</c> for all.</summary>
public sealed record RoleGrant(string Principal, Role Role, string App, string Environment)
{
    public const string All = "*";

    /// <summary>
    /// Whether this grant lets its holder do <paramref name="permission"/> on <paramref name="app"/> in
    /// <paramref name="environment"/>. A null app (a call that names none across several apps) needs a grant on
    /// every app; a null environment (the app as a whole, or an app without environments) needs every environment,
    /// except for reading, where any environment of the app suffices.
    /// </summary>
    public bool Allows(Permission permission, string? app, string? environment) =>
        Role.Grants(permission)
        && (App == All || App == app)
        && (Environment == All || Environment == environment || (environment is null && permission == Permission.Read));
}

/// <summary>Every grant of one caller, asked what they may do.</summary>
public sealed record Grants(IReadOnlyList<RoleGrant> All)
{
    public bool Allow(Permission permission, string? app, string? environment) => All.Any(g => g.Allows(permission, app, environment));

    /// <summary>Whether any grant gives the permission somewhere: a caller without it is refused before anything is looked up.</summary>
    public bool AllowSomewhere(Permission permission) => All.Any(g => g.Role.Grants(permission));

    /// <summary>Whether a grant gives one of <paramref name="roles"/> (an environment's <c>approval.from</c>; admin holds
    /// every role) on the app and environment.</summary>
    public bool HoldAny(IReadOnlyList<string> roles, string app, string environment) =>
        All.Any(g => (g.Role == Role.Admin || roles.Contains(g.Role.Name()))
            && (g.App == RoleGrant.All || g.App == app) && (g.Environment == RoleGrant.All || g.Environment == environment));

    public override string ToString() =>
        All.Count == 0 ? "no role" : string.Join(", ", All.Select(g => $"{g.Role.Name()} on {g.App}/{g.Environment}"));
}
