namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Greenlight's own rule set for the common providers. Every rule has keywords so that a typical source file,
/// which holds none of them, costs one Aho–Corasick pass and no regex at all.
/// </summary>
public static class SecretRules
{
    private static readonly Lazy<SecretRuleSet> DefaultSet = new(() => new SecretRuleSet(
        [.. ProviderRules.All(), .. PlatformTokenRules.All(), .. AnchoredRules.All(), GenericRule.Quoted(), GenericRule.Unquoted()],
        [new SecretAllowlist
        {
            // Vendored and generated files hold other people's test fixtures, not our credentials.
            Paths = [RuleRegex.Compile(@"(^|/)(vendor|third_party)/", "global-allowlist", "path")],
        }]));

    public static SecretRuleSet Default => DefaultSet.Value;
}
