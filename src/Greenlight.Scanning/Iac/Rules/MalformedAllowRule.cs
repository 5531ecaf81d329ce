namespace Greenlight.Scanning.Iac.Rules;

/// <summary>
/// Reported for an allow annotation without a reason or with an unknown rule id. It checks nothing itself and
/// cannot be skipped: an unexplained exception must never silence a finding.
/// </summary>
internal sealed class MalformedAllowRule : IIacRule
{
    public const string RuleId = "IAC000";

    public string Id => RuleId;
    public string Title => "Malformed allow annotation";
    public IacSeverity Severity => IacSeverity.High;
}
