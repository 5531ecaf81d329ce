namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Credentials with no prefix of their own, recognisable only by what surrounds them: a connection string's
/// key, a provider's name in the variable, a URL's user-info part.
/// </summary>
internal static class AnchoredRules
{
    // A name, then an assignment in any of the usual syntaxes (`=`, `:`, `:=`, `=>`), then an optional quote.
    private const string Assign = @"[a-z0-9_.\-]{0,20}[""']?\s*(?::=|=>|=|:)\s*[""']?";

    public static IEnumerable<SecretRule> All()
    {
        // A storage account key is 64 random bytes: 86 base64 chars and "==".
        yield return ProviderRules.Rule("azure-storage-account-key", "Azure storage account key in a connection string",
            @"(?i)AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)", 4.0, "accountkey");
        yield return ProviderRules.Rule("twilio-auth-token", "Twilio auth token",
            $@"(?i)(?:twilio[a-z0-9_.\-]{{0,20}}?(?:auth|token|secret){Assign}|\bAC[0-9a-f]{{32}}:)([0-9a-f]{{32}})(?![A-Za-z0-9])",
            3.0, "twilio");
        // API keys are 32 hex chars, application keys 40; both are only recognisable next to a Datadog name.
        yield return ProviderRules.Rule("datadog-api-key", "Datadog API or application key",
            $@"(?i)(?:datadog[a-z0-9_.\-]{{0,20}}?|\bdd[_.\-]?)(?:api|app(?:lication)?)[_.\-]?key{Assign}([a-f0-9]{{40}}|[a-f0-9]{{32}})(?![A-Za-z0-9])",
            3.0, "datadog", "ddap", "dd_ap", "dd-ap", "dd.ap");
        yield return DatabaseUrl();
    }

    private static readonly string[] Schemes =
        ["postgres", "mysql://", "mariadb://", "mongodb", "redis", "amqp"];

    /// <summary>
    /// `postgres://user:password@host`: the secret is the password. Human-chosen, so the entropy bar is low, and
    /// the placeholders every README and compose file uses (`user:password@`, `${DB_PASSWORD}`) do not count.
    /// </summary>
    private static SecretRule DatabaseUrl()
    {
        const string id = "database-url-password";
        return new SecretRule
        {
            Id = id,
            Description = "Password in a database or message-broker URL",
            Pattern = RuleRegex.Compile(
                @"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?)://[^:/?#@\s'""`]*:([^@/?#\s'""`]{3,200})@[A-Za-z0-9\[]", id),
            MinEntropy = 2.0,
            Keywords = Schemes,
            Allowlists =
            [
                ExampleValues.Allowlist,
                new SecretAllowlist
                {
                    Regexes =
                    [
                        RuleRegex.Compile(@"(?i)^(?:pass(?:word|wd)?|secret|changeme|change_me|example|postgres|mysql|root|admin|guest|test|user|redis|mongo|rabbitmq)$", id, "allowlist regex"),
                        // References to where the password comes from, and masks.
                        RuleRegex.Compile(@"^(?:\$\{[^}]*\}|\$\([^)]*\)|\{\{.*\}\}|%[A-Za-z_]+%|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>|[*xX.]+|\{[^}]*\}|%s)$", id, "allowlist regex"),
                    ],
                },
            ],
        };
    }
}
