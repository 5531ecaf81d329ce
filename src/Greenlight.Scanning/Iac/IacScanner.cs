using Greenlight.Scanning.Iac.Kubernetes;
using Greenlight.Scanning.Iac.Rules;
using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac;

/// <summary>
/// Offline policy checks on Terraform plan JSON (<c>terraform show -json plan.out</c>) and Kubernetes manifests.
/// Entry point of the IaC checker.
/// </summary>
public sealed class IacScanner
{
    private readonly IacScanOptions _options;
    private readonly RuleCatalog _rules;

    public IacScanner(IacScanOptions? options = null)
    {
        _options = options ?? new IacScanOptions();
        _rules = RuleCatalog.Create(_options);
    }

    /// <summary>
    /// Every *.json (plan files detected by content: an object with format_version and planned_values or
    /// resource_changes) and *.yaml/*.yml under <paramref name="root"/> (skipping .git, node_modules, bin, obj,
    /// .greenlight), or that one file when <paramref name="root"/> is a file. Sorted by file, line and rule.
    /// </summary>
    /// <exception cref="InvalidDataException">A plan or manifest cannot be parsed; the message names file, line and column.</exception>
    public IReadOnlyList<IacFinding> Scan(string root) =>
        IacFiles.Under(root)
            .SelectMany(f => ScanFile(f.FullPath, f.RelativePath))
            .Where(f => f.RuleId == MalformedAllowRule.RuleId || !_options.Skips.Any(s => s.Covers(f)))
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();

    private IEnumerable<IacFinding> ScanFile(string fullPath, string file)
    {
        if (IacFiles.IsYaml(fullPath))
            return ManifestReader.Read(file, File.ReadAllText(fullPath)).SelectMany(o => ManifestChecker.Check(file, o, _rules));
        return PlanReader.Read(file, File.ReadAllBytes(fullPath)) is { } plan ? PlanChecker.Check(file, plan, _rules) : [];
    }
}
