namespace Greenlight.Engine.Tests.Control;

/// <summary>A Terraform plan as <c>terraform show -json</c> writes it: one S3 bucket, encrypted by a separate
/// configuration resource or not at all.</summary>
internal static class IacFixtures
{
    private const string Bucket = """
        {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
         "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
         "values": {"bucket": "shop-logs", "force_destroy": false, "tags": null}, "sensitive_values": {}}
        """;

    private const string Encryption = """
        ,{"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed",
          "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "logs",
          "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
          "values": {"expected_bucket_owner": null, "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": "", "sse_algorithm": "aws:kms"}], "bucket_key_enabled": true}]},
          "sensitive_values": {}}
        """;

    private const string BucketConfig = """
        {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
         "expressions": {"bucket": {"constant_value": "shop-logs"}}}
        """;

    private const string EncryptionConfig = """
        ,{"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed",
          "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "logs",
          "expressions": {"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}}}
        """;

    public static string Plan(bool encrypted) =>
        """{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {"root_module": {"resources": ["""
        + Bucket + (encrypted ? Encryption : "")
        + """]}}, "resource_changes": [], "configuration": {"root_module": {"resources": ["""
        + BucketConfig + (encrypted ? EncryptionConfig : "")
        + "]}}}";
}
