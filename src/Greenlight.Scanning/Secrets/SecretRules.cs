namespace Greenlight.Scanning.Secrets;

/// <summary>
/// The rule sets a scan can select by name: Greenlight's own (the default) and gitleaks' (opt-in, shipped with
/// its MIT licence in Secrets/Gitleaks/NOTICE). Every default rule has keywords or a literal its regex starts with,
/// so that a typical source file, which holds none of them, costs a few vectorised searches and no regex at all.
/// </summary>
public static class SecretRules
{
    public const string DefaultName = "default";
    public const string GitleaksName = "gitleaks";

    /// <summary>The names <see cref="Named"/> takes.</summary>
    public static readonly IReadOnlyList<string> Names = [DefaultName, GitleaksName];

    private static readonly Lazy<SecretRuleSet> DefaultSet = new(() => new SecretRuleSet(
        [.. ProviderRules.All(), .. PlatformTokenRules.All(), .. AnchoredRules.All(), GenericRule.Quoted(), GenericRule.Unquoted()],
        [new SecretAllowlist
        {
            // Vendored and generated files hold other people's test fixtures, not our credentials.
            Paths = [RuleRegex.Compile(@"(^|/)(vendor|third_party)/", "global-allowlist", "path")],
        }]));

    private static readonly Lazy<SecretRuleSet> GitleaksSet = new(LoadGitleaks);

    public static SecretRuleSet Default => DefaultSet.Value;

    /// <summary>gitleaks' own config/gitleaks.toml (222 rules), read with the same semantics as a user's gitleaks file.</summary>
    public static SecretRuleSet Gitleaks => GitleaksSet.Value;

    /// <summary>The rule set called <paramref name="name"/>: one of <see cref="Names"/>.</summary>
    public static SecretRuleSet Named(string name) => name switch
    {
        DefaultName => Default,
        GitleaksName => Gitleaks,
        _ => throw new SecretConfigException($"unknown rule set '{name}': expected one of {string.Join(", ", Names)}"),
    };

    private static SecretRuleSet LoadGitleaks()
    {
        const string resource = "Greenlight.Scanning.Secrets.Gitleaks.gitleaks.toml";
        using var stream = typeof(SecretRules).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from {typeof(SecretRules).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return GitleaksLayer.Read(reader.ReadToEnd(), "gitleaks.toml (built in)", AppContext.BaseDirectory, 0).ToRuleSet();
    }
}
