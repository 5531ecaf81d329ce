namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Catch credentials without a provider prefix: a value assigned to a name like password/secret/token/api_key,
/// quoted (code, JSON) or unquoted (.env, YAML, .properties, shell). Only the entropy threshold and the
/// allowlists keep them from flagging every config sample.
/// </summary>
internal static class GenericRule
{
    // No leading identifier pattern: it would make the regex quadratic on long word runs (minified code, base64).
    // The name must end in the secret-ish word (modulo a suffix like _value), so "public_key" or "token_count"
    // do not qualify; an optional quote closes a quoted key ("password": …).
    private const string Name =
        @"(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|client[_\-]?secret|auth[_\-]?key)(?:[_\-]?(?:value|str|string))?[""']?";

    public static SecretRule Quoted() => Rule("generic-secret-assignment",
        "High-entropy value assigned to a password, secret, token or API key",
        // The value must be quoted, so code like `token = GetToken()` does not qualify.
        $@"(?i){Name}\s*(?::=|=>|=|:)\s*[""'`]([^""'`\s]{{8,200}})[""'`]", 3.5);

    /// <summary>
    /// `DB_PASSWORD=…` in .env, `password: …` in YAML, `db.password = …` in .properties, `export API_KEY=…`.
    /// The value must be one word ending the line (or followed by a comment or `;`), so calls, expressions and
    /// lists (`password=password)`, `os.environ['X']`) do not qualify; it must not be a path (`PWD=/home/me2`);
    /// and it must mix letters and digits: in config files a bare word (`password: required`,
    /// `apiKey: ApiKeyType;`) is a setting or a type, not a secret.
    /// Human-chosen passwords are rarely random, hence a lower threshold than for quoted values.
    /// </summary>
    public static SecretRule Unquoted() => Rule("generic-unquoted-secret",
        "Unquoted value with letters and digits assigned to a password, secret, token or API key",
        $@"(?im){Name}[ \t]*(?::=|=|:)[ \t]*(?![/~.])(?=[^\s]*[0-9])(?=[^\s]*[A-Za-z])([A-Za-z0-9_.~+/=!@#%^&*\-]{{8,200}})(?=[ \t]*(?:[#;]|\r?$))",
        2.5);

    private static SecretRule Rule(string id, string description, string regex, double entropy) => new()
    {
        Id = id,
        Description = description,
        Pattern = RuleRegex.Compile(regex, id),
        MinEntropy = entropy,
        Keywords = ["password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "access-key", "auth_key", "auth-key"],
        Allowlists =
        [
            new SecretAllowlist
            {
                Regexes =
                [
                    // Template and environment references are where a secret comes from, not the secret.
                    RuleRegex.Compile(@"^(\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|%[A-Za-z_]+%|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>)$", id, "allowlist regex"),
                    // UUIDs are identifiers (tenant, client id), and a value that is all one char is a mask.
                    RuleRegex.Compile(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", id, "allowlist regex"),
                    RuleRegex.Compile(@"^(.)\1*$", id, "allowlist regex"),
                ],
            },
            new SecretAllowlist
            {
                StopWords = ["changeme", "change_me", "example", "placeholder", "your_", "your-", "redacted", "dummy", "xxxxxx", "secret123", "password123", "notasecret"],
            },
            ExampleValues.Allowlist,
        ],
    };
}
