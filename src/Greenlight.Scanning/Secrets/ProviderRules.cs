namespace Greenlight.Scanning.Secrets;

/// <summary>Rules for tokens with a recognisable provider prefix; the prefixes double as keywords.</summary>
internal static class ProviderRules
{
    // Token characters may not continue right before or after a match, so a key inside a longer blob is not cut out.
    internal const string Start = @"(?<![A-Za-z0-9_\-])";
    internal const string End = @"(?![A-Za-z0-9_\-])";

    public static IEnumerable<SecretRule> All()
    {
        yield return Rule("aws-access-key-id", "AWS access key id",
            $@"{Start}((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{{16}}){End}", 3.0, "akia", "asia", "abia", "acca");
        // A secret key is 40 base64 chars with no prefix: it is only recognisable next to an AWS-ish name.
        yield return Rule("aws-secret-access-key", "AWS secret access key",
            @"(?i)aws[a-z0-9_.\-]{0,20}?(?:secret|key)[a-z0-9_.\-]{0,20}[""']?\s*(?::=|=>|=|:)\s*[""']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
            4.0, "aws");
        yield return Rule("github-token", "GitHub token",
            $@"{Start}(gh[pousr]_[A-Za-z0-9]{{36,255}}){End}", 3.0, "ghp_", "gho_", "ghu_", "ghs_", "ghr_");
        yield return Rule("github-fine-grained-token", "GitHub fine-grained personal access token",
            $@"{Start}(github_pat_[A-Za-z0-9_]{{82}}){End}", 3.0, "github_pat_");
        yield return Rule("gitlab-token", "GitLab token",
            $@"{Start}((?:glpat|gldt|glptt|glrt)-[A-Za-z0-9_\-]{{20,}}){End}", 3.0, "glpat-", "gldt-", "glptt-", "glrt-");
        yield return Rule("slack-token", "Slack token",
            $@"{Start}(xox[abposr]-[A-Za-z0-9\-]{{10,}}){End}", 3.0, "xox");
        yield return Rule("slack-webhook", "Slack incoming webhook URL",
            @"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\-]{30,})", 3.0, "hooks.slack.com");
        yield return Rule("stripe-key", "Stripe API key",
            $@"{Start}((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{{16,247}}){End}", 3.0,
            "sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_");
        yield return Rule("google-api-key", "Google API key",
            $@"{Start}(AIza[A-Za-z0-9_\-]{{35}}){End}", 3.0, "aiza");
        yield return Rule("private-key", "Private key block",
            @"-----BEGIN[ A-Z0-9_\-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_\-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
            0, "private key");
        // Three base64url parts; both header and payload are JSON objects, so both start with "eyJ".
        yield return Rule("jwt", "JSON Web Token",
            $@"{Start}(eyJ[A-Za-z0-9_\-]{{10,}}\.eyJ[A-Za-z0-9_\-]{{10,}}\.[A-Za-z0-9_\-]{{10,}}){End}", 3.0, "eyj");
    }

    internal static SecretRule Rule(string id, string description, string regex, double entropy, params string[] keywords) =>
        new()
        {
            Id = id,
            Description = description,
            Pattern = RuleRegex.Compile(regex, id),
            MinEntropy = entropy,
            Keywords = keywords,
            Allowlists = [ExampleValues.Allowlist],
        };
}
