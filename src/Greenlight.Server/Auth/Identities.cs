using Greenlight.Core.Access;
using Greenlight.Engine.State;

namespace Greenlight.Server.Auth;

/// <summary>Who a token belongs to and what they may do; tokens made and revoked. Backed by the state store.</summary>
internal sealed class Identities(IStateStore store, TimeProvider time)
{
    /// <summary>What <c>--expires</c> defaults to: long enough not to nag, short enough that a forgotten token dies.</summary>
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(90);

    public IStateStore Store => store;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The caller a token value names, or why it names none. Never says anything about a value it does not know.</summary>
    public async Task<Authentication> AuthenticateAsync(string value, CancellationToken ct)
    {
        var token = await store.FindTokenAsync(ApiTokenValues.Hash(value), ct);
        if (token is null)
            return Authentication.Refused("the token is not known to this controller");
        var now = time.GetUtcNow();
        if (token.RevokedAt is { } revoked)
            return Authentication.Refused($"token {token.Id} was revoked at {revoked:u}");
        if (token.IsExpiredAt(now))
            return Authentication.Refused($"token {token.Id} expired at {token.ExpiresAt:u}; create another with `greenlight tokens create`");
        var owner = await store.GetPrincipalAsync(token.Owner, ct);
        if (owner is null || owner.DisabledAt is not null)
            return Authentication.Refused($"{token.Owner}, owner of token {token.Id}, is disabled");
        // Last use is worth a write once a minute, not on every call.
        if (token.LastUsedAt is not { } used || now - used > TimeSpan.FromMinutes(1))
            await store.TouchTokenAsync(token.Id, now, ct);
        return new Authentication(owner, token, new Grants(await store.ListGrantsAsync(owner.Name, ct)), null);
    }

    /// <summary>A new token of <paramref name="owner"/>; its value is in the answer and nowhere else.</summary>
    public async Task<(ApiToken Token, string Value)> CreateTokenAsync(string owner, TimeSpan? expiresAfter, CancellationToken ct)
    {
        var (id, value) = ApiTokenValues.New();
        var now = time.GetUtcNow();
        var token = new ApiToken(id, owner, now, expiresAfter is { } after ? now + after : null);
        await store.AddTokenAsync(token, ApiTokenValues.Hash(value), ct);
        return (token, value);
    }

    /// <summary>
    /// First start: the user admin, with the admin role everywhere. The token file keeps the local single-user mode
    /// working: an existing one (from an earlier version, or a store made afresh) becomes the admin's token; a missing one
    /// is made. Returns the value of a token made now, to be shown once; null when the file was there.
    /// </summary>
    public async Task<string?> BootstrapAsync(Hosting.ControllerFiles files, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await store.AddPrincipalAsync(new Principal(Principal.Admin, PrincipalKind.User, now), ct))
            await store.GrantAsync(new RoleGrant(Principal.Admin, Role.Admin, RoleGrant.All, RoleGrant.All), now, ct);
        if (files.ReadToken() is { Length: > 0 } existing)
        {
            if (await store.FindTokenAsync(ApiTokenValues.Hash(existing), ct) is null)
                await store.AddTokenAsync(new ApiToken("tok_" + ApiTokenValues.Hash(existing)[..16], Principal.Admin, now, null), ApiTokenValues.Hash(existing), ct);
            return null;
        }
        // Never expires: the local mode must not stop working one day. Revoke it and delete the file to retire it.
        var (_, value) = await CreateTokenAsync(Principal.Admin, null, ct);
        files.WriteToken(value);
        return value;
    }
}

/// <param name="Failure">Why the token was refused; null when it was accepted.</param>
internal sealed record Authentication(Principal? Principal, ApiToken? Token, Grants? Grants, string? Failure)
{
    public static Authentication Refused(string why) => new(null, null, null, why);
}
