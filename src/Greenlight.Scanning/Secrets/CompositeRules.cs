namespace Greenlight.Scanning.Secrets;

/// <summary>
/// gitleaks' composite rules: a rule with [[rules.required]] reports a match only when every required rule also
/// matched in the same text, within withinLines/withinColumns of it when set; a skipReport rule's matches only
/// serve as such companions and are never reported themselves.
/// </summary>
internal static class CompositeRules
{
    public static List<SecretHit> Apply(List<SecretHit> hits)
    {
        if (!hits.Any(h => h.Rule.Required.Count > 0 || h.Rule.SkipReport)) return hits;
        var byRule = hits.ToLookup(h => h.Rule.Id);
        return hits.Where(h => !h.Rule.SkipReport
            && h.Rule.Required.All(req => byRule[req.RuleId].Any(companion => Near(h, companion, req)))).ToList();
    }

    // As gitleaks measures it: between the lines the two matches start on, and between their start columns.
    private static bool Near(SecretHit primary, SecretHit companion, RequiredRule req) =>
        (req.WithinLines is not { } lines || Math.Abs(primary.MatchLineNo - companion.MatchLineNo) <= lines)
        && (req.WithinColumns is not { } columns || Math.Abs(primary.Column - companion.Column) <= columns);
}
