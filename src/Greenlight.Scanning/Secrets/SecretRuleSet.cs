namespace Greenlight.Scanning.Secrets;

/// <summary>Rules plus the global allowlists that apply to every rule.</summary>
public sealed class SecretRuleSet
{
    public SecretRuleSet(IReadOnlyList<SecretRule> rules, IReadOnlyList<SecretAllowlist>? globalAllowlists = null)
    {
        var dup = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new SecretConfigException($"duplicate rule id '{dup.Key}'");
        Rules = rules;
        GlobalAllowlists = globalAllowlists ?? [];
    }

    public IReadOnlyList<SecretRule> Rules { get; }
    public IReadOnlyList<SecretAllowlist> GlobalAllowlists { get; }
}

/// <summary>A rule file or baseline that cannot be used; the message names the rule or file at fault.</summary>
public sealed class SecretConfigException(string message, Exception? inner = null) : Exception(message, inner);
