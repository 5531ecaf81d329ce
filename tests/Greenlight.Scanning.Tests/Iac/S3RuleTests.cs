using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class S3RuleTests
{
    [Fact]
    public void Scan_PlanWithModules_ReportsExactlyTheMisconfiguredResources()
    {
        var findings = new IacScanner().Scan(RepoFiles.Fixture("plan-modules.json"));

        Assert.Equal(
        [
            "IAC003 aws_security_group.bastion ingress[0].cidr_blocks[0]",
            "IAC003 aws_security_group.bastion ingress[0].ipv6_cidr_blocks[0]",
            "IAC001 module.storage.aws_s3_bucket.logs server_side_encryption_configuration",
            "IAC002 module.storage.aws_s3_bucket_acl.logs acl",
            "IAC004 module.db.aws_db_instance.main publicly_accessible",
        ], findings.Select(f => $"{f.RuleId} {f.Resource} {f.AttributePath}"));
    }

    [Fact]
    public void Scan_SseResourceInSameModule_CoversOnlyTheBucketItReferences()
    {
        // Root and module.storage both have a bucket "logs"; only the root one has an SSE resource referencing it.
        var findings = new IacScanner().Scan(RepoFiles.Fixture("plan-modules.json")).Where(f => f.RuleId == "IAC001");

        Assert.Equal(["module.storage.aws_s3_bucket.logs"], findings.Select(f => f.Resource));
    }

    [Fact]
    public void Scan_PlanFinding_PointsAtTheLineWhereTheResourceObjectStarts()
    {
        var path = RepoFiles.Fixture("plan-modules.json");
        var lines = File.ReadAllLines(path);
        var addressLine = Array.FindIndex(lines, l => l.Contains("\"address\": \"module.db.aws_db_instance.main\"")) + 1;

        var finding = Assert.Single(new IacScanner().Scan(path), f => f.RuleId == "IAC004");

        Assert.Equal(addressLine - 1, finding.Line);
        Assert.EndsWith("{", lines[finding.Line - 1]);
        Assert.Equal($"plan-modules.json:{finding.Line}: IAC004 module.db.aws_db_instance.main publicly_accessible: {finding.Message}", finding.ToString());
    }

    [Fact]
    public void Scan_LegacyInlineEncryptionAndAcl_AreHonoured()
    {
        var findings = new IacScanner().Scan(RepoFiles.Fixture("plan-legacy-inline.json"));

        Assert.Equal(["IAC001 aws_s3_bucket.site[\"www\"]", "IAC002 aws_s3_bucket.site[\"www\"]"],
            findings.Select(f => $"{f.RuleId} {f.Resource}").Order());
        Assert.Contains("read and write access to anyone", Assert.Single(findings, f => f.RuleId == "IAC002").Message);
    }

    [Fact]
    public void Scan_SseResourceNamingTheBucketLiterally_CoversIt()
    {
        var plan = Plan.With(
        [
            Plan.Resource("aws_s3_bucket", "b", """{"bucket": "acme-b"}"""),
            Plan.Resource("aws_s3_bucket_server_side_encryption_configuration", "b", """{"bucket": "acme-b", "rule": []}"""),
        ]);

        Assert.Empty(OneFile.Scan("plan.json", plan));
    }

    [Fact]
    public void Scan_BucketWithoutAnyEncryption_IsReported()
    {
        var finding = Assert.Single(OneFile.Scan("plan.json", Plan.With([Plan.Resource("aws_s3_bucket", "b", """{"bucket": "acme-b"}""")])));

        Assert.Equal(("IAC001", IacSeverity.Medium, "aws_s3_bucket.b"), (finding.RuleId, finding.Severity, finding.Resource));
    }

    [Theory]
    [InlineData("public-read", 1)]
    [InlineData("authenticated-read", 1)]
    [InlineData("private", 0)]
    [InlineData("log-delivery-write", 0)]
    public void Scan_AclResource_ReportsOnlyPublicCannedAcls(string acl, int expected)
    {
        var plan = Plan.With(
            [Encrypted("b"), Plan.Resource("aws_s3_bucket_acl", "b", $$"""{"acl": "{{acl}}"}""")],
            [Plan.Config("aws_s3_bucket_acl", "b", "aws_s3_bucket.b")]);

        Assert.Equal(expected, OneFile.Scan("plan.json", plan).Count(f => f.RuleId == "IAC002"));
    }

    [Theory]
    [InlineData("block_public_acls")]
    [InlineData("ignore_public_acls")]
    public void Scan_PublicAclOnBucketWithPublicAccessBlock_IsNotReported(string setting)
    {
        var plan = Plan.With(
        [
            Encrypted("b"),
            Plan.Resource("aws_s3_bucket_acl", "b", """{"acl": "public-read"}"""),
            Plan.Resource("aws_s3_bucket_public_access_block", "b", $$"""{"{{setting}}": true}"""),
        ],
        [Plan.Config("aws_s3_bucket_acl", "b", "aws_s3_bucket.b"), Plan.Config("aws_s3_bucket_public_access_block", "b", "aws_s3_bucket.b")]);

        Assert.Empty(OneFile.Scan("plan.json", plan));
    }

    [Theory]
    [InlineData("http://acs.amazonaws.com/groups/global/AllUsers", "anyone on the internet")]
    [InlineData("http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "every AWS account")]
    public void Scan_AclResourceGrantingToAPublicGroup_IsReportedAtTheGrantee(string uri, string audience)
    {
        var acl = Plan.Resource("aws_s3_bucket_acl", "b", $$"""
            {"access_control_policy": [{"grant": [
              {"grantee": [{"id": "79a59df900b949e5", "type": "CanonicalUser", "uri": ""}], "permission": "FULL_CONTROL"},
              {"grantee": [{"id": "", "type": "Group", "uri": "{{uri}}"}], "permission": "READ"}
            ], "owner": [{"id": "79a59df900b949e5"}]}]}
            """);
        var plan = Plan.With([Encrypted("b"), acl], [Plan.Config("aws_s3_bucket_acl", "b", "aws_s3_bucket.b")]);

        var finding = Assert.Single(OneFile.Scan("plan.json", plan));

        Assert.Equal("access_control_policy[0].grant[1].grantee[0].uri", finding.AttributePath);
        Assert.Contains(audience, finding.Message);
    }

    [Fact]
    public void Scan_InlineGrantToAllUsers_IsReported()
    {
        var bucket = Plan.Resource("aws_s3_bucket", "b", """
            {"server_side_encryption_configuration": [{"rule": []}],
             "grant": [{"id": "", "permissions": ["READ"], "type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}]}
            """);

        Assert.Equal("grant[0].uri", Assert.Single(OneFile.Scan("plan.json", Plan.With([bucket]))).AttributePath);
    }

    private static string Encrypted(string name) =>
        Plan.Resource("aws_s3_bucket", name, """{"server_side_encryption_configuration": [{"rule": []}]}""");
}
