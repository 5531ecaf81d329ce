namespace Greenlight.Scanning.Iac.Rules;

/// <summary>Every rule, in id order: the one place a new rule is registered.</summary>
internal sealed class RuleCatalog
{
    private RuleCatalog(IReadOnlyList<IIacRule> all) => All = all;

    public IReadOnlyList<IIacRule> All { get; }

    public IEnumerable<ITerraformRule> Terraform => All.OfType<ITerraformRule>();

    public IEnumerable<IContainerRule> Containers => All.OfType<IContainerRule>();

    public IIacRule MalformedAllow => All.OfType<MalformedAllowRule>().Single();

    public static RuleCatalog Create(IacScanOptions options) => new(
    [
        new MalformedAllowRule(),
        new UnencryptedBucketRule(),
        new PublicBucketAclRule(),
        new OpenIngressRule(options.SensitivePorts),
        new PublicDatabaseRule(),
        new PrivilegedContainerRule(),
        new MissingLimitsRule(),
        new MutableImageTagRule(),
        new TagOnlyImageRule(),
        new PlainSecretEnvRule(),
    ]);

    /// <summary>Whether an allow annotation may name this id: a real rule, other than the one reporting bad annotations.</summary>
    public bool CanBeAllowed(string id) => id != MalformedAllowRule.RuleId && All.Any(r => r.Id == id);
}
