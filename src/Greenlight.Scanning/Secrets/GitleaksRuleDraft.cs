using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// One [[rules]] table as written, before [extend] has merged it with a base rule of the same id: any field may
/// be missing, since an extending file may override only a description or add an allowlist.
/// </summary>
internal sealed record GitleaksRuleDraft
{
    public required string Id { get; init; }
    /// <summary>Where the rule was written, for errors: "file: rules[3]".</summary>
    public required string Where { get; init; }
    public string? Description { get; init; }
    public Regex? Pattern { get; init; }
    public Regex? PathFilter { get; init; }
    public int SecretGroup { get; init; }
    public double MinEntropy { get; init; }
    public List<string> Keywords { get; init; } = [];
    public List<SecretAllowlist> Allowlists { get; init; } = [];
    public List<RequiredRule> Required { get; init; } = [];
    public bool SkipReport { get; init; }

    /// <summary>This (extending) rule laid over <paramref name="base"/> field by field, as gitleaks' extend does:
    /// a field this rule sets wins, lists are joined.</summary>
    public GitleaksRuleDraft Over(GitleaksRuleDraft @base) => @base with
    {
        Where = Where,
        Description = string.IsNullOrEmpty(Description) ? @base.Description : Description,
        Pattern = Pattern ?? @base.Pattern,
        PathFilter = PathFilter ?? @base.PathFilter,
        SecretGroup = SecretGroup != 0 ? SecretGroup : @base.SecretGroup,
        MinEntropy = MinEntropy != 0 ? MinEntropy : @base.MinEntropy,
        Keywords = [.. @base.Keywords, .. Keywords],
        Allowlists = [.. @base.Allowlists, .. Allowlists],
        Required = [.. @base.Required, .. Required],
        SkipReport = SkipReport || @base.SkipReport,
    };

    /// <summary>The finished rule, refused as gitleaks refuses it: nothing to match, or a secret group the regex lacks.</summary>
    public SecretRule ToRule()
    {
        if (Pattern is null && PathFilter is null)
            throw new SecretConfigException($"{Where} (id '{Id}'): needs a regex or a path (neither is set, here or in a base it extends)");
        var groups = Pattern is null ? 0 : Pattern.GetGroupNumbers().Length - 1;
        if (Pattern is not null && SecretGroup > groups)
            throw new SecretConfigException($"{Where} (id '{Id}'): secretGroup {SecretGroup} is out of range: the regex has {groups} group(s)");
        return new SecretRule
        {
            Id = Id,
            Description = Description ?? "",
            Pattern = Pattern,
            SecretGroup = SecretGroup,
            MinEntropy = MinEntropy,
            Keywords = Keywords.Distinct().ToList(),
            PathFilter = PathFilter,
            Allowlists = Allowlists,
            Required = Required,
            SkipReport = SkipReport,
        };
    }
}
