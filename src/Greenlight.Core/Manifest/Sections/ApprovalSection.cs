using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>An environment's <c>approval</c>; a hotfix may need fewer approvals, never none.</summary>
internal static partial class ApprovalSection
{
    private static readonly Scalar<int> Count = Scalars.Int(1, 100, "a number of approvals");

    // A hotfix count of 0 is read so that it can be refused with its reason rather than as a number out of range.
    private static readonly Scalar<int> HotfixCount = Scalars.Int(0, 100, "a number of approvals");

    private static readonly Scalar<string> RoleOrUser = Scalars.Matching(UserPattern(),
        $"a role ({string.Join(", ", ApprovalRule.Roles)}) or a user name of letters, digits, '.', '_', '@' and '-'");

    public static ApprovalRule? Read(NodeReader r)
    {
        var required = r.Required("required", Count);
        var listed = new HashSet<string>();
        var from = r.Has("from") ? r.ScalarList("from", RoleOrUser.Where(listed.Add, "a role or user not listed before"), nonEmpty: true) : ["approver"];
        var self = r.Optional("preventSelfReview", Scalars.Bool, true);
        var expires = r.Has("expiresAfter") ? r.Required("expiresAfter", Scalars.Duration) : (TimeSpan?)null;
        var hotfix = r.Has("hotfix") ? r.Map<int?>("hotfix", h => ReadHotfix(h, required)) : required;
        return required > 0 && hotfix > 0 ? new ApprovalRule(required, from, self, expires, hotfix.Value) : null;
    }

    /// <returns>The hotfix count; null when it is missing or refused.</returns>
    private static int? ReadHotfix(NodeReader h, int required)
    {
        if (!h.Has("required"))
        {
            h.Required("required", HotfixCount); // reports it missing
            return null;
        }

        var count = h.Optional("required", HotfixCount, -1);
        if (count == 0)
            h.Report("required", "found 0, but a release into an environment that requires approval always needs one, a hotfix too: nobody may release into it unseen",
                "a number of approvals from 1 to approval.required");
        else if (required > 0 && count > required)
            h.Report("required", $"found {count}, more than the {required} a normal release needs", $"a number of approvals from 1 to {required}");
        return count > 0 && (required == 0 || count <= required) ? count : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}\z")]
    private static partial Regex UserPattern();
}
