namespace Greenlight.Core.Manifest;

/// <summary>
/// An environment's <c>approval</c>: how many distinct people must approve a release before its waves start there,
/// and who may. Built only by <see cref="ManifestLoader"/>.
/// </summary>
/// <param name="From">Roles (<see cref="Roles"/>) and user names; an approver must hold one of the roles or be one of the users.</param>
/// <param name="ExpiresAfter">An approval older than this no longer counts; null: approvals do not expire.</param>
/// <param name="HotfixRequired">The count for a hotfix: at most <paramref name="Required"/>, never 0.</param>
public sealed record ApprovalRule(int Required, IReadOnlyList<string> From, bool PreventSelfReview, TimeSpan? ExpiresAfter, int HotfixRequired)
{
    /// <summary>The roles an environment can name in <c>from</c>; any other entry names a user.</summary>
    public static readonly IReadOnlyList<string> Roles = ["viewer", "deployer", "approver", "admin"];

    public IReadOnlyList<string> RolesFrom => [.. From.Where(Roles.Contains)];

    public IReadOnlyList<string> UsersFrom => [.. From.Where(f => !Roles.Contains(f))];
}
