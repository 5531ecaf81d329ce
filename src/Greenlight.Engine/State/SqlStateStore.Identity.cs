using Dapper;
using Greenlight.Core.Access;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    private const string TokenColumns = "id, owner, created_at, expires_at, last_used_at, revoked_at";

    public Task<bool> AddPrincipalAsync(Principal p, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) => await db.ExecuteAsync("INSERT INTO principals (name, kind, created_at) VALUES (@Name, @kind, @at) ON CONFLICT (name) DO NOTHING",
            new { p.Name, kind = p.Kind.ToString(), at = p.CreatedAt.ToString("O") }, tx) == 1);

    public async Task<Principal?> GetPrincipalAsync(string name, CancellationToken cancellationToken) =>
        (await QueryPrincipalsAsync("WHERE name = @name", new { name })).SingleOrDefault();

    public async Task<IReadOnlyList<Principal>> ListPrincipalsAsync(CancellationToken cancellationToken) =>
        await QueryPrincipalsAsync("ORDER BY name", null);

    private async Task<List<Principal>> QueryPrincipalsAsync(string where, object? args) =>
        (await QueryAsync<(string Name, string Kind, string CreatedAt, string? DisabledAt)>("SELECT name, kind, created_at, disabled_at FROM principals " + where, args))
        .Select(p => new Principal(p.Name, Enum.Parse<PrincipalKind>(p.Kind), DateTimeOffset.Parse(p.CreatedAt), Time(p.DisabledAt)))
        .ToList();

    public Task<bool> DisablePrincipalAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) =>
        {
            var stamp = at.ToString("O");
            if (await db.ExecuteAsync("UPDATE principals SET disabled_at = COALESCE(disabled_at, @stamp) WHERE name = @name", new { name, stamp }, tx) == 0)
                return false;
            await db.ExecuteAsync("UPDATE api_tokens SET revoked_at = @stamp WHERE owner = @name AND revoked_at IS NULL", new { name, stamp }, tx);
            return true;
        });

    public Task GrantAsync(RoleGrant g, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("""
            INSERT INTO role_grants (principal, role, app, environment, granted_at) VALUES (@Principal, @role, @App, @Environment, @at)
            ON CONFLICT DO NOTHING
            """, new { g.Principal, role = g.Role.ToString(), g.App, g.Environment, at = at.ToString("O") }, tx));

    public Task<bool> UngrantAsync(RoleGrant g, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) => await db.ExecuteAsync(
            "DELETE FROM role_grants WHERE principal = @Principal AND role = @role AND app = @App AND environment = @Environment",
            new { g.Principal, role = g.Role.ToString(), g.App, g.Environment }, tx) == 1);

    public async Task<IReadOnlyList<RoleGrant>> ListGrantsAsync(string? principal, CancellationToken cancellationToken) =>
        (await QueryAsync<(string Principal, string Role, string App, string Environment)>(
            "SELECT principal, role, app, environment FROM role_grants WHERE @principal IS NULL OR principal = @principal ORDER BY principal, granted_at",
            new { principal }))
        .Select(g => new RoleGrant(g.Principal, Enum.Parse<Role>(g.Role), g.App, g.Environment))
        .ToList();

    public Task AddTokenAsync(ApiToken t, string hash, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync(
            "INSERT INTO api_tokens (id, hash, owner, created_at, expires_at) VALUES (@Id, @hash, @Owner, @created, @expires)",
            new { t.Id, hash, t.Owner, created = t.CreatedAt.ToString("O"), expires = t.ExpiresAt?.ToString("O") }, tx));

    public async Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken) =>
        (await QueryTokensAsync("WHERE hash = @hash", new { hash })).SingleOrDefault();

    public async Task<ApiToken?> GetTokenAsync(string id, CancellationToken cancellationToken) =>
        (await QueryTokensAsync("WHERE id = @id", new { id })).SingleOrDefault();

    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(string? owner, CancellationToken cancellationToken) =>
        await QueryTokensAsync("WHERE @owner IS NULL OR owner = @owner ORDER BY created_at, id", new { owner });

    private async Task<List<ApiToken>> QueryTokensAsync(string where, object args) =>
        (await QueryAsync<(string Id, string Owner, string CreatedAt, string? ExpiresAt, string? LastUsedAt, string? RevokedAt)>(
            $"SELECT {TokenColumns} FROM api_tokens " + where, args))
        .Select(t => new ApiToken(t.Id, t.Owner, DateTimeOffset.Parse(t.CreatedAt), Time(t.ExpiresAt), Time(t.LastUsedAt), Time(t.RevokedAt)))
        .ToList();

    public Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) => await db.ExecuteAsync("UPDATE api_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL",
            new { id, at = at.ToString("O") }, tx) == 1);

    public Task TouchTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("UPDATE api_tokens SET last_used_at = @at WHERE id = @id", new { id, at = at.ToString("O") }, tx));

    private static DateTimeOffset? Time(string? text) => text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
