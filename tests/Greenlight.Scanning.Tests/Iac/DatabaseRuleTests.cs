namespace Greenlight.Scanning.Tests.Iac;

public sealed class DatabaseRuleTests
{
    [Theory]
    [InlineData("aws_db_instance", true, true)]
    [InlineData("aws_rds_cluster_instance", true, true)]
    [InlineData("aws_db_instance", false, false)]
    public void Scan_PubliclyAccessibleDatabase_IsReported(string type, bool publiclyAccessible, bool reported)
    {
        var db = Plan.Resource(type, "main", $$"""{"engine": "postgres", "publicly_accessible": {{(publiclyAccessible ? "true" : "false")}}}""");

        Assert.Equal(reported, OneFile.Scan("plan.json", Plan.With([db])).Any(f => f.RuleId == "IAC004"));
    }
}
