namespace Greenlight.Scanning.Iac.Rules;

/// <summary>Names shared by the S3 rules, which all resolve a bucket's companion resources the same way.</summary>
internal static class S3
{
    public const string Bucket = "aws_s3_bucket";
    public const string Acl = "aws_s3_bucket_acl";
    public const string PublicAccessBlock = "aws_s3_bucket_public_access_block";

    /// <summary>The attribute by which every aws_s3_bucket_* companion names its bucket.</summary>
    public const string BucketAttribute = "bucket";
}
