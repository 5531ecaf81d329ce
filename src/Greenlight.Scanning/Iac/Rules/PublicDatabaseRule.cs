using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac.Rules;

internal sealed class PublicDatabaseRule : ITerraformRule
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "aws_db_instance", "aws_rds_cluster_instance" };

    public string Id => "IAC004";
    public string Title => "Publicly accessible database";
    public IacSeverity Severity => IacSeverity.High;

    public IEnumerable<RuleHit> Check(PlanResource resource, TerraformPlan plan) =>
        Types.Contains(resource.Type) && resource.Values.IsTrue("publicly_accessible")
            ? [new RuleHit("publicly_accessible",
                "database gets a public IP and DNS name: set publicly_accessible = false and reach it from inside the VPC")]
            : [];
}
