namespace Greenlight.Engine.Approvals;

/// <summary>
/// Whether a user holds one of an environment's approval roles (<c>approval.from</c>: viewer, deployer, approver,
/// admin) for an app and environment. The people-and-roles store answers it; the approval policy in Core decides the rest.
/// </summary>
public interface IApprovalRoles
{
    /// <param name="roles">The roles <c>approval.from</c> names; never empty when asked.</param>
    Task<bool> HoldsAnyAsync(string user, string app, string environment, IReadOnlyList<string> roles, CancellationToken ct);
}

/// <summary>
/// The single-user controller before people and roles exist: its one caller is the admin, who holds every role. Replaced
/// by the roles store where users exist; the separation-of-duties rules (requester, author, once) apply either way.
/// </summary>
internal sealed class LocalAdminRoles : IApprovalRoles
{
    public static readonly LocalAdminRoles Instance = new();

    public Task<bool> HoldsAnyAsync(string user, string app, string environment, IReadOnlyList<string> roles, CancellationToken ct) => Task.FromResult(true);
}
