namespace Greenlight.Scanning.Iac;

/// <summary>
/// An accepted finding. The reason is mandatory so every exception is explained in review.
/// </summary>
/// <param name="Resource">
/// An exact address, which also covers that block's count/for_each instances (<c>aws_security_group.bastion</c>
/// skips <c>aws_security_group.bastion[0]</c>), or a prefix ending in <c>*</c> (<c>module.legacy.*</c>).
/// </param>
public sealed record IacSkip(string RuleId, string Resource, string Reason)
{
    public string RuleId { get; init; } = Required(RuleId, nameof(RuleId));
    public string Resource { get; init; } = Required(Resource, nameof(Resource));
    public string Reason { get; init; } = Required(Reason, $"{nameof(Reason)} (skip of {RuleId} on {Resource})");

    internal bool Covers(IacFinding finding)
    {
        if (!string.Equals(finding.RuleId, RuleId, StringComparison.OrdinalIgnoreCase)) return false;
        if (Resource.EndsWith('*')) return finding.Resource.StartsWith(Resource[..^1], StringComparison.Ordinal);
        return finding.Resource == Resource || finding.Resource.StartsWith(Resource + "[", StringComparison.Ordinal);
    }

    private static string Required(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"An IaC skip needs a {what}.") : value;
}
