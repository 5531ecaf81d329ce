namespace Greenlight.Scanning.Iac;

/// <summary>
/// One policy violation. Never holds a secret value: rules about secrets name the variable only, so a finding can
/// be printed, logged or stored in a release record as it is.
/// </summary>
/// <param name="File">Path relative to the scanned root, '/'-separated.</param>
/// <param name="Line">1-based: the offending YAML node, or where the resource's object starts in a plan.</param>
/// <param name="Resource">Terraform address (<c>module.storage.aws_s3_bucket.logs</c>) or <c>Kind/namespace/name</c>.</param>
/// <param name="AttributePath">Where in the resource, e.g. <c>ingress[0].cidr_blocks[1]</c>.</param>
public sealed record IacFinding(
    string RuleId, string Title, IacSeverity Severity, string File, int Line, string Resource, string AttributePath, string Message)
{
    public override string ToString() => $"{File}:{Line}: {RuleId} {Resource} {AttributePath}: {Message}";
}
