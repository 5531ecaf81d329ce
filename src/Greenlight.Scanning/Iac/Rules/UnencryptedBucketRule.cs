using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac.Rules;

internal sealed class UnencryptedBucketRule : ITerraformRule
{
    private const string SseConfiguration = "aws_s3_bucket_server_side_encryption_configuration";

    public string Id => "IAC001";
    public string Title => "S3 bucket without server-side encryption";
    public IacSeverity Severity => IacSeverity.Medium;

    public IEnumerable<RuleHit> Check(PlanResource resource, TerraformPlan plan)
    {
        if (resource.Type != S3.Bucket) return [];
        // The inline block is deprecated since AWS provider v4 but still honoured, so both spellings count.
        if (resource.Values.Items("server_side_encryption_configuration").Any()) return [];
        if (plan.Referencing(resource, SseConfiguration, S3.BucketAttribute).Any()) return [];
        return [new RuleHit("server_side_encryption_configuration",
            $"bucket has no server-side encryption configuration: add an {SseConfiguration} for it (SSE-KMS for sensitive data)")];
    }
}
