using System.Text;

namespace ScanningBench;

/// <summary>One secret put into the tree on purpose: where it is (1-based line) and which rule should find it.</summary>
internal sealed record Planted(string File, int Line, string RuleId);

/// <summary>
/// Secret-shaped values of every kind the default rules cover, built at run time from the seeded generator so
/// this repository holds no literal token, and written the way each language would hold them.
/// </summary>
internal sealed class PlantedSecrets(Random rng)
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Alnum = Upper + "abcdefghijklmnopqrstuvwxyz0123456789";

    public static readonly string[] Kinds =
    [
        "aws-access-key-id", "aws-secret-access-key", "github-token", "github-fine-grained-token", "gitlab-token",
        "slack-token", "slack-webhook", "stripe-key", "google-api-key", "private-key", "jwt", "generic-secret-assignment",
        "npm-access-token", "pypi-upload-token", "docker-hub-token", "azure-storage-account-key", "twilio-api-key",
        "sendgrid-api-token", "shopify-token", "datadog-api-key", "openai-api-key", "anthropic-api-key", "database-url-password",
        // Encoded, as in a Kubernetes secret, a hex dump, a query string: found only by decoding (ripgrep cannot).
        "aws-access-key-id (base64)", "stripe-key (hex)", "slack-webhook (percent)",
    ];

    private const string Hex = "0123456789abcdef";

    /// <summary>The lines to insert (several for a private key block; the finding is on the first).</summary>
    public string[] Lines(string kind, string language) => kind switch
    {
        "aws-access-key-id" => [Assign(language, "AWS_ACCESS_KEY_ID", "AK" + "IA" + rng.Chars(Upper + "234567", 16))],
        "aws-secret-access-key" => [Assign(language, "AWS_SECRET_ACCESS_KEY", rng.Chars(Alnum + "+/", 40))],
        "github-token" => [Assign(language, "GITHUB_DEPLOY", "gh" + "p_" + rng.Chars(Alnum, 36))],
        "github-fine-grained-token" => [Assign(language, "GH_AUTOMATION", "github" + "_pat_" + rng.Chars(Alnum + "_", 82))],
        "gitlab-token" => [Assign(language, "GITLAB_CI", "gl" + "pat-" + rng.Chars(Alnum, 20))],
        "slack-token" => [Assign(language, "SLACK_BOT", "xo" + "xb-" + rng.Chars("0123456789", 12) + "-" + rng.Chars(Alnum, 24))],
        "slack-webhook" => [Assign(language, "ALERTS_URL",
            "https://hooks.slack" + ".com/services/T" + rng.Chars(Upper, 8) + "/B" + rng.Chars(Upper, 8) + "/" + rng.Chars(Alnum, 24))],
        "stripe-key" => [Assign(language, "BILLING", "sk" + "_live_" + rng.Chars(Alnum, 24))],
        "google-api-key" => [Assign(language, "MAPS", "AI" + "za" + rng.Chars(Alnum + "_-", 35))],
        "jwt" => [Assign(language, "BEARER", "ey" + "J" + rng.Chars(Alnum, 20) + ".ey" + "J" + rng.Chars(Alnum, 30) + "." + rng.Chars(Alnum, 43))],
        "generic-secret-assignment" => [Assign(language, "db_password", rng.Chars(Alnum + "!#%&*", 24))],
        "npm-access-token" => [Assign(language, "NPM_PUBLISH", "np" + "m_" + rng.Chars(Alnum, 36))],
        "pypi-upload-token" => [Assign(language, "TWINE_UPLOAD", "pypi-" + "AgEIcHlwaS5vcmc" + rng.Chars(Alnum + "_-", 70))],
        "docker-hub-token" => [Assign(language, "REGISTRY_LOGIN", "dckr" + "_pat_" + rng.Chars(Alnum + "_-", 27))],
        "azure-storage-account-key" => [Assign(language, "BLOBS",
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + rng.Chars(Alnum + "+/", 86) + "==")],
        "twilio-api-key" => [Assign(language, "SMS_KEY", "S" + "K" + rng.Chars(Hex, 32))],
        "sendgrid-api-token" => [Assign(language, "MAILER", "S" + "G." + rng.Chars(Alnum + "_-", 22) + "." + rng.Chars(Alnum + "_-", 43))],
        "shopify-token" => [Assign(language, "SHOP_ADMIN", "shp" + "at_" + rng.Chars(Hex, 32))],
        "datadog-api-key" => [Assign(language, "DD_API_KEY", rng.Chars(Hex, 32))],
        "openai-api-key" => [Assign(language, "LLM", "sk-" + "proj-" + rng.Chars(Alnum + "_-", 74) + "T3Blbk" + "FJ" + rng.Chars(Alnum + "_-", 74))],
        "anthropic-api-key" => [Assign(language, "CLAUDE", "sk-" + "ant-api03-" + rng.Chars(Alnum + "_-", 93) + "AA")],
        "database-url-password" => [Assign(language, "DATABASE_URL", "postgres://app:" + rng.Chars(Alnum, 16) + "@db:5432/app")],
        "private-key" =>
        [
            "-----BEGIN RSA " + "PRIVATE KEY-----",
            .. Enumerable.Range(0, 6).Select(_ => rng.Chars(Alnum + "+/", 64)),
            "-----END RSA " + "PRIVATE KEY-----",
        ],
        "aws-access-key-id (base64)" => [Assign(language, "AWS_KEY_B64", Convert.ToBase64String(Encoding.ASCII.GetBytes(Value("aws-access-key-id"))))],
        "stripe-key (hex)" => [Assign(language, "BILLING_HEX", Convert.ToHexString(Encoding.ASCII.GetBytes(Value("stripe-key"))))],
        "slack-webhook (percent)" => [Assign(language, "ALERTS_QUERY", "?hook=" + Uri.EscapeDataString(Value("slack-webhook")))],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A fresh value of a plain kind: its .env line is NAME="value".</summary>
    private string Value(string kind)
    {
        var line = Lines(kind, "env")[0];
        return line[(line.IndexOf('"') + 1)..^1];
    }

    private static string Assign(string language, string name, string value) => language switch
    {
        "cs" => $"        private const string {name} = \"{value}\";",
        "ts" or "js" => $"const {name} = \"{value}\";",
        "py" => $"{name} = \"{value}\"",
        "go" => $"\t{name} := \"{value}\"",
        "yaml" => $"  {name}: \"{value}\"",
        "json" => $"  \"{name}\": \"{value}\",",
        "env" => $"{name}=\"{value}\"",
        _ => $"    export {name}=\"{value}\"", // a shell snippet in Markdown
    };
}
