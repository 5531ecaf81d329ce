namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>
/// Builds secret-shaped values at run time from a seeded generator, so this repository's own sources hold no
/// literal token that a scanner (ours or gitleaks) would rightly flag.
/// </summary>
internal static class Fake
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const string Base64 = Alnum + "+/";

    public static string Chars(string alphabet, int length, int seed = 1)
    {
        var rng = new Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
    }

    public static string AwsKeyId => "AK" + "IA" + Chars(Upper + "234567", 16, 2);
    public static string AwsSecret => Chars(Base64, 40, 3);
    public static string GitHub => "gh" + "p_" + Chars(Alnum, 36, 4);
    public static string GitLab => "gl" + "pat-" + Chars(Alnum, 20, 5);
    public static string Slack => "xo" + "xb-" + Chars("0123456789", 12, 6) + "-" + Chars(Alnum, 24, 7);
    public static string SlackWebhook => "https://hooks.slack" + ".com/services/T" + Chars(Upper, 8, 8) + "/B" + Chars(Upper, 8, 9) + "/" + Chars(Alnum, 24, 10);
    public static string Stripe => "sk" + "_live_" + Chars(Alnum, 24, 11);
    public static string GoogleApiKey => "AI" + "za" + Chars(Alnum + "_-", 35, 12);
    public static string Jwt => "ey" + "J" + Chars(Alnum, 20, 13) + ".ey" + "J" + Chars(Alnum, 30, 14) + "." + Chars(Alnum, 43, 15);
    public const string Hex = "0123456789abcdef";
    public static string Npm => "np" + "m_" + Chars(Alnum, 36, 30);
    public static string PyPi => "pypi-" + "AgEIcHlwaS5vcmc" + Chars(Alnum + "_-", 70, 31);
    public static string DockerHub => "dckr" + "_pat_" + Chars(Alnum + "_-", 27, 32);
    public static string AzureStorageKey => Chars(Base64, 86, 33) + "==";
    public static string TwilioApiKey => "S" + "K" + Chars(Hex, 32, 34);
    public static string TwilioAccountSid => "A" + "C" + Chars(Hex, 32, 35);
    public static string TwilioAuthToken => Chars(Hex, 32, 36);
    public static string SendGrid => "S" + "G." + Chars(Alnum + "_-", 22, 37) + "." + Chars(Alnum + "_-", 43, 38);
    public static string Shopify => "shp" + "at_" + Chars(Hex, 32, 39);
    public static string DatadogApiKey => Chars(Hex, 32, 40);
    public static string OpenAi => "sk-" + "proj-" + Chars(Alnum + "_-", 74, 41) + "T3Blbk" + "FJ" + Chars(Alnum + "_-", 74, 42);
    public static string OpenAiLegacy => "sk-" + Chars(Alnum, 20, 43) + "T3Blbk" + "FJ" + Chars(Alnum, 20, 44);
    public static string Anthropic => "sk-" + "ant-api03-" + Chars(Alnum + "_-", 93, 45) + "AA";
    public static string DbPassword => Chars(Alnum, 16, 46);
    public static string Generic => Chars(Alnum + "!#%&*", 24, 16);

    public static string PrivateKey =>
        "-----BEGIN RSA " + "PRIVATE KEY-----\n" + string.Join("\n", Enumerable.Range(0, 4).Select(i => Chars(Base64, 64, 20 + i)))
        + "\n-----END RSA " + "PRIVATE KEY-----\n";
}
