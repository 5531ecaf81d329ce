namespace Greenlight.Scanning.Iac;

/// <summary>Public description of a rule, for listings and the docs.</summary>
/// <param name="DocsAnchor">Fragment of the rule's row in docs/iac-rules.md, e.g. <c>iac003</c>.</param>
public sealed record IacRule(string Id, string Title, IacSeverity Severity, string DocsAnchor);
