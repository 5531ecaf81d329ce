using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac.Rules;

internal sealed class PublicBucketAclRule : ITerraformRule
{
    private const string Anyone = "anyone on the internet";
    private const string AnyAccount = "every AWS account in the world";

    private static readonly Dictionary<string, string> CannedAudiences = new(StringComparer.Ordinal)
    {
        ["public-read"] = $"read access to {Anyone}",
        ["public-read-write"] = $"read and write access to {Anyone}",
        ["authenticated-read"] = $"read access to {AnyAccount}",
    };

    public string Id => "IAC002";
    public string Title => "S3 bucket ACL grants public access";
    public IacSeverity Severity => IacSeverity.Critical;

    public IEnumerable<RuleHit> Check(PlanResource resource, TerraformPlan plan)
    {
        if (resource.Type is not (S3.Bucket or S3.Acl)) return [];
        var exposures = Canned(resource).Concat(Grants(resource)).ToList();
        if (exposures.Count == 0) return [];
        var bucket = resource.Type == S3.Bucket ? resource : plan.ReferencedBy(resource, S3.BucketAttribute, S3.Bucket).FirstOrDefault();
        if (bucket is not null && IgnoresPublicAcls(bucket, plan)) return [];
        return exposures.Select(e => new RuleHit(e.Path,
            $"{e.What} gives {e.Audience}: use 'private' and grant access with a bucket policy, and add an {S3.PublicAccessBlock}"));
    }

    private static IEnumerable<(string Path, string What, string Audience)> Canned(PlanResource resource) =>
        resource.Values.String("acl") is { } acl && CannedAudiences.TryGetValue(acl, out var audience) ? [("acl", $"canned ACL '{acl}'", audience)] : [];

    // Explicit grants to the AllUsers / AuthenticatedUsers groups expose the bucket exactly like the canned ACLs.
    private static IEnumerable<(string Path, string What, string Audience)> Grants(PlanResource resource)
    {
        var grantees = resource.Type == S3.Bucket
            ? resource.Values.Items("grant").Select((grant, i) => (Path: $"grant[{i}].uri", Uri: grant.String("uri")))
            : resource.Values.Items("access_control_policy").SelectMany((policy, i) => policy.Items("grant").SelectMany((grant, j) =>
                grant.Items("grantee").Select((grantee, k) => (Path: $"access_control_policy[{i}].grant[{j}].grantee[{k}].uri", Uri: grantee.String("uri")))));
        foreach (var (path, uri) in grantees)
        {
            if (uri?.EndsWith("/global/AllUsers", StringComparison.Ordinal) == true) yield return (path, "a grant to AllUsers", Anyone);
            if (uri?.EndsWith("/global/AuthenticatedUsers", StringComparison.Ordinal) == true) yield return (path, "a grant to AuthenticatedUsers", AnyAccount);
        }
    }

    // With block_public_acls S3 refuses the ACL and with ignore_public_acls it disregards it: either way nothing is exposed.
    private static bool IgnoresPublicAcls(PlanResource bucket, TerraformPlan plan) =>
        plan.Referencing(bucket, S3.PublicAccessBlock, S3.BucketAttribute)
            .Any(b => b.Values.IsTrue("block_public_acls") || b.Values.IsTrue("ignore_public_acls"));
}
