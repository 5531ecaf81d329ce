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
        // Encoded, as in a Kubernetes secret, a hex dump, a query string: found only by decoding (ripgrep cannot).
        "aws-access-key-id (base64)", "stripe-key (hex)", "slack-webhook (percent)",
    ];

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
