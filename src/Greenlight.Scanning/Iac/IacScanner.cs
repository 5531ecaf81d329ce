using Greenlight.Scanning.Iac.Kubernetes;
using Greenlight.Scanning.Iac.Rules;
using Greenlight.Scanning.Iac.Terraform;
using Greenlight.Scanning.Trees;

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
    /// resource_changes; or by a *.tfplan.json name) and *.yaml/*.yml under <paramref name="root"/> (skipping .git, node_modules, bin, obj,
    /// .greenlight), or that one file when <paramref name="root"/> is a file. Sorted by file, line and rule.
    /// </summary>
    /// <param name="gaps">Receives what was not read; without it, a file that cannot be read fails the scan.</param>
    /// <exception cref="InvalidDataException">
    /// A plan or manifest cannot be decoded (UTF-8, or UTF-16/32 with a byte order mark) or parsed; the message names the file.
    /// </exception>
    public IReadOnlyList<IacFinding> Scan(string root, TreeGaps? gaps = null, CancellationToken ct = default)
    {
        var recorded = gaps ?? new TreeGaps();
        var findings = IacFiles.Under(root, recorded, ct)
            .SelectMany(f => ScanFile(f.FullPath, f.RelativePath, recorded))
            .Where(f => f.RuleId == MalformedAllowRule.RuleId || !_options.Skips.Any(s => s.Covers(f)))
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        if (gaps is null)
            recorded.ThrowIfIncomplete();
        return findings;
    }

    private IEnumerable<IacFinding> ScanFile(string fullPath, string file, TreeGaps gaps)
    {
        if (!gaps.TryRead(file, () => File.ReadAllBytes(fullPath), out var bytes)) return [];
        if (IacFiles.IsYaml(fullPath))
            return ManifestReader.Read(file, bytes!).SelectMany(o => ManifestChecker.Check(file, o, _rules));
        return PlanReader.Read(file, bytes!) is { } plan ? PlanChecker.Check(file, plan, _rules) : [];
    }
}
