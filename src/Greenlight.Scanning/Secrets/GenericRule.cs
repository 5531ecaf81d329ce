namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Catches credentials without a provider prefix: a quoted value assigned to a name like password/secret/token/api_key.
/// Only the entropy threshold and the placeholder allowlist keep it from flagging every config sample.
/// </summary>
internal static class GenericRule
{
    private const string Id = "generic-secret-assignment";

    public static SecretRule Create() => new()
    {
        Id = Id,
        Description = "High-entropy value assigned to a password, secret, token or API key",
        // No leading identifier pattern: it would make the regex quadratic on long word runs (minified code, base64).
        // The name must end in the secret-ish word (modulo a suffix like _value), so "public_key" or
        // "token_count" do not qualify; the value must be quoted, so code like `token = GetToken()` does not either.
        Pattern = RuleRegex.Compile(
            @"(?i)(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|client[_\-]?secret|auth[_\-]?key)(?:[_\-]?(?:value|str|string))?[""']?\s*(?::=|=>|=|:)\s*[""'`]([^""'`\s]{8,200})[""'`]",
            Id),
        MinEntropy = 3.5,
        Keywords = ["password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "access-key", "auth_key", "auth-key"],
        Allowlists =
        [
            new SecretAllowlist
            {
                Regexes =
                [
                    // Template and environment references are where a secret comes from, not the secret.
                    RuleRegex.Compile(@"^(\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|%[A-Za-z_]+%|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>)$", Id, "allowlist regex"),
                    // UUIDs are identifiers (tenant, client id), and a value that is all one char is a mask.
                    RuleRegex.Compile(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", Id, "allowlist regex"),
                    RuleRegex.Compile(@"^(.)\1*$", Id, "allowlist regex"),
                ],
            },
            new SecretAllowlist
            {
                StopWords = ["changeme", "change_me", "example", "placeholder", "your_", "your-", "redacted", "dummy", "xxxxxx", "secret123", "password123", "notasecret"],
            },
        ],
    };
}
