namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Which of several rules matching one secret are reported, as gitleaks decides it and whatever the rules' order:
/// every finding of a specific rule stays; a finding of a generic rule (one whose id contains "generic", as
/// gitleaks tells them apart) is dropped when a specific finding on the same line contains its secret, since the
/// specific rule names what the secret is.
/// </summary>
internal static class RulePrecedence
{
    public static bool IsGeneric(SecretRule rule) => rule.Id.Contains("generic", StringComparison.OrdinalIgnoreCase);

    public static List<SecretHit> Apply(List<SecretHit> hits)
    {
        if (!hits.Any(h => IsGeneric(h.Rule)) || hits.All(h => IsGeneric(h.Rule)))
            return hits;
        var specificByLine = hits.Where(h => !IsGeneric(h.Rule)).ToLookup(h => h.LineNo);
        return hits.Where(h => !IsGeneric(h.Rule)
            || !specificByLine[h.LineNo].Any(s => s.Secret.Contains(h.Secret, StringComparison.Ordinal))).ToList();
    }
}
