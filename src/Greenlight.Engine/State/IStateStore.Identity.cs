using Greenlight.Core.Access;

namespace Greenlight.Engine.State;

/// <summary>Users, service accounts, their roles and their API tokens (each stored as the SHA-256 of its value, never the value).</summary>
public partial interface IStateStore
{
    /// <summary>False when a principal of that name exists already (disabled ones included: names are not reused).</summary>
    Task<bool> AddPrincipalAsync(Principal principal, CancellationToken cancellationToken);

    Task<Principal?> GetPrincipalAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Principal>> ListPrincipalsAsync(CancellationToken cancellationToken);

    /// <summary>Disables the principal and revokes its tokens, in one transaction; false when there is no such principal.</summary>
    Task<bool> DisablePrincipalAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds the grant; granting what is held already changes nothing.</summary>
    Task GrantAsync(RoleGrant grant, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>False when the principal did not hold exactly this grant.</summary>
    Task<bool> UngrantAsync(RoleGrant grant, CancellationToken cancellationToken);

    /// <summary>The grants of one principal, or of all when <paramref name="principal"/> is null.</summary>
    Task<IReadOnlyList<RoleGrant>> ListGrantsAsync(string? principal, CancellationToken cancellationToken);

    Task AddTokenAsync(ApiToken token, string hash, CancellationToken cancellationToken);

    /// <summary>The token whose value hashes to <paramref name="hash"/>, revoked and expired ones included.</summary>
    Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken);

    Task<ApiToken?> GetTokenAsync(string id, CancellationToken cancellationToken);

    /// <summary>The tokens of one owner, or of all when <paramref name="owner"/> is null, oldest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListTokensAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>False when there is no such token or it was revoked already.</summary>
    Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    Task TouchTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
