namespace Greenlight.Scanning.Iac.Rules;

/// <param name="Line">The offending node's line, or null for the line of the resource itself.</param>
internal sealed record RuleHit(string AttributePath, string Message, int? Line = null)
{
    public IacFinding ToFinding(IIacRule rule, string file, string resource, int resourceLine) =>
        new(rule.Id, rule.Title, rule.Severity, file, Line ?? resourceLine, resource, AttributePath, Message);
}
