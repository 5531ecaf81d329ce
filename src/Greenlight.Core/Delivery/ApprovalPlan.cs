using Greenlight.Core.Manifest;

namespace Greenlight.Core.Delivery;

/// <summary>An environment's approval rule as the release found it: <see cref="Required"/> is the hotfix count for a hotfix.</summary>
public sealed record ApprovalPlan(int Required, IReadOnlyList<string> From, bool PreventSelfReview, TimeSpan? ExpiresAfter, bool Hotfix)
{
    public static ApprovalPlan? For(ApprovalRule? rule, bool hotfix) => rule is null ? null
        : new(hotfix ? rule.HotfixRequired : rule.Required, rule.From, rule.PreventSelfReview, rule.ExpiresAfter, hotfix);

    /// <summary>The users <see cref="From"/> names; the rest are roles.</summary>
    public bool NamesUser(string user) => From.Any(f => !ApprovalRule.Roles.Contains(f) && string.Equals(f, user, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> Roles => [.. From.Where(ApprovalRule.Roles.Contains)];
}
