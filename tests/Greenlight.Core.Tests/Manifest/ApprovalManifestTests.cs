using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>An environment's <c>approval</c>: read with its defaults, and every problem reported where it stands.</summary>
public sealed class ApprovalManifestTests
{
    /// <summary>An environment with one region; its last line is line 7.</summary>
    private const string Production = """
        app: shop
        run:
          command: dotnet
        environments:
          - name: production
            regions:
              - { name: local, edge: { listen: 127.0.0.1:8180 } }
        """;

    [Fact]
    public void Parse_FullApprovalRule_IsReadAsWritten()
    {
        var manifest = ManifestLoader.Parse(Production + "\n    approval: {required: 2, from: [approver, alice], preventSelfReview: true, expiresAfter: 24h, hotfix: {required: 1}}",
            "greenlight.yaml").GetOrThrow();

        var rule = manifest.Environments[0].Approval!;
        Assert.Equal(2, rule.Required);
        Assert.Equal(["approver", "alice"], rule.From);
        Assert.True(rule.PreventSelfReview);
        Assert.Equal(TimeSpan.FromHours(24), rule.ExpiresAfter);
        Assert.Equal(1, rule.HotfixRequired);
    }

    [Fact]
    public void Parse_ApprovalWithOnlyACount_PreventsSelfReviewFromApprovers_AndAHotfixNeedsAsMany()
    {
        var rule = ManifestLoader.Parse(Production + "\n    approval: {required: 1}", "greenlight.yaml").GetOrThrow().Environments[0].Approval!;

        Assert.Equal(["approver"], rule.From);
        Assert.True(rule.PreventSelfReview);
        Assert.Null(rule.ExpiresAfter);
        Assert.Equal(1, rule.HotfixRequired);
    }

    [Theory]
    [InlineData("    approval: {required: 2, hotfix: {required: 0}}", "greenlight.yaml:8:48: environments[0].approval.hotfix.required: found 0, but a release into an environment that requires approval always needs one, a hotfix too: nobody may release into it unseen, expected a number of approvals from 1 to approval.required")]
    [InlineData("    approval: {required: 1, hotfix: {required: 2}}", "greenlight.yaml:8:48: environments[0].approval.hotfix.required: found 2, more than the 1 a normal release needs, expected a number of approvals from 1 to 1")]
    [InlineData("    approval: {required: 0}", "greenlight.yaml:8:26: environments[0].approval.required: found \"0\", expected a number of approvals from 1 to 100")]
    [InlineData("    approval: {from: [approver]}", "greenlight.yaml:8:15: environments[0].approval.required: missing required key, expected a number of approvals from 1 to 100")]
    [InlineData("    approval: {required: 1, from: []}", "greenlight.yaml:8:35: environments[0].approval.from: found an empty list, expected a non-empty list")]
    [InlineData("    approval: {required: 1, from: [approver, approver]}", "greenlight.yaml:8:46: environments[0].approval.from[1]: found \"approver\", expected a role or user not listed before")]
    [InlineData("    approval: {required: 1, from: [\"ops team\"]}", "greenlight.yaml:8:36: environments[0].approval.from[0]: found \"ops team\", expected a role (viewer, deployer, approver, admin) or a user name of letters, digits, '.', '_', '@' and '-'")]
    [InlineData("    approval: {required: 1, expiresAfter: 0s}", "greenlight.yaml:8:43: environments[0].approval.expiresAfter: found \"0s\", expected a duration longer than 0s")]
    [InlineData("    approval: {required: 1, reviewers: [ana]}", "greenlight.yaml:8:29: environments[0].approval.reviewers: unknown key, expected one of required, from, preventSelfReview, expiresAfter, hotfix")]
    public void Parse_BadApprovalRule_IsReportedAtIt(string lines, string expected) =>
        Assert.Equal([expected], Errors(Production + "\n" + lines));
}
