namespace Greenlight.Scanning.Secrets;

/// <summary>
/// A companion a composite rule needs (gitleaks' [[rules.required]]): the primary rule reports only when this
/// rule also matches in the same file, within the given distance of the primary's match when one is set.
/// </summary>
public sealed record RequiredRule(string RuleId, int? WithinLines = null, int? WithinColumns = null);
