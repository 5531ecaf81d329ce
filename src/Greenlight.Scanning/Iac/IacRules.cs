using Greenlight.Scanning.Iac.Rules;

namespace Greenlight.Scanning.Iac;

public static class IacRules
{
    public static IReadOnlyList<IacRule> All { get; } =
        RuleCatalog.Create(new IacScanOptions()).All
            .Select(r => new IacRule(r.Id, r.Title, r.Severity, r.Id.ToLowerInvariant()))
            .ToList();
}
