using Greenlight.Scanning.Secrets;
using Xunit.Abstractions;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>
/// gitleaks' own rule-generator samples (Gitleaks/samples.tsv, see NOTICE) run through Greenlight with gitleaks'
/// config: each true positive must be reported under its rule's id, no false positive under it.
/// </summary>
public sealed class GitleaksSampleCorpusTests(ITestOutputHelper output)
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Secrets", "Gitleaks");

    // The issue's target; measured 256/256 when this test was written.
    private const double RecallFloor = 0.99;

    private sealed record Sample(bool TruePositive, string RuleId, string Text);

    [Fact]
    public void GitleaksConfig_RuleGeneratorSamples_ReportedUnderOwnRuleWithoutFalsePositives()
    {
        var rules = GitleaksConfig.Load(Path.Combine(Dir, "gitleaks.toml"));
        // A few generators define rules that gitleaks' shipped config does not register (square-secret, say).
        var ids = rules.Rules.Select(r => r.Id).ToHashSet();
        var all = Load();
        var samples = all.Where(s => ids.Contains(s.RuleId)).ToList();
        var scanner = new SecretScanner(rules);
        bool Reports(Sample s) => scanner.ScanText("sample.txt", s.Text).Any(f => f.RuleId == s.RuleId);

        var tps = samples.Where(s => s.TruePositive).ToList();
        var missed = tps.Where(s => !Reports(s)).ToList();
        var falsePositives = samples.Where(s => !s.TruePositive && Reports(s)).ToList();
        var recall = 1 - (double)missed.Count / tps.Count;

        output.WriteLine($"{all.Count - samples.Count} samples of rules not in the config skipped: {string.Join(", ", all.Where(s => !ids.Contains(s.RuleId)).Select(s => s.RuleId).Distinct())}");
        output.WriteLine($"recall {tps.Count - missed.Count}/{tps.Count} = {recall:P1}; false positives {falsePositives.Count}/{samples.Count - tps.Count}");
        foreach (var s in missed) output.WriteLine($"missed {s.RuleId}: {Shorten(s.Text)}");
        foreach (var s in falsePositives) output.WriteLine($"false positive {s.RuleId}: {Shorten(s.Text)}");
        Assert.True(tps.Count >= 150 && samples.Count - tps.Count >= 200, $"corpus too small: {samples.Count} samples");
        Assert.True(recall >= RecallFloor, $"recall {recall:P1} under the floor {RecallFloor:P0}; missed: {string.Join(", ", missed.Select(m => m.RuleId).Distinct())}");
        Assert.Empty(falsePositives);
    }

    // gitleaks' rule ids for the families Greenlight's default rules claim, and the default rule that claims each.
    private static readonly Dictionary<string, string> DefaultFamilies = new()
    {
        ["anthropic-api-key"] = "anthropic-api-key", ["anthropic-admin-api-key"] = "anthropic-api-key",
        ["openai-api-key"] = "openai-api-key", ["npm-access-token"] = "npm-access-token",
        ["pypi-upload-token"] = "pypi-upload-token", ["twilio-api-key"] = "twilio-api-key",
        ["sendgrid-api-token"] = "sendgrid-api-token", ["shopify-access-token"] = "shopify-token",
        ["github-pat"] = "github-token", ["github-oauth"] = "github-token", ["github-app-token"] = "github-token",
        ["github-refresh-token"] = "github-token", ["github-fine-grained-pat"] = "github-fine-grained-token",
        ["gitlab-pat"] = "gitlab-token", ["slack-bot-token"] = "slack-token", ["slack-user-token"] = "slack-token",
        ["slack-webhook-url"] = "slack-webhook", ["gcp-api-key"] = "google-api-key", ["jwt"] = "jwt",
        ["private-key"] = "private-key", ["aws-access-token"] = "aws-access-key-id",
    };

    // Measured when this test was written (53/58; misses: JWTs with an empty signature, http:// Slack webhooks,
    // xoxe- tokens); raise as the default rules grow, never lower.
    private const double DefaultRecallFloor = 0.91;
    // Measured: 2 are an Anthropic key of the other kind (gitleaks has one rule per kind, our rule claims both),
    // 4 are short Slack look-alikes (xoxp-1234567890) the existing slack-token rule reports. Lower, never raise.
    private const int DefaultFalsePositiveCeiling = 6;

    [Fact]
    public void DefaultRules_SamplesOfClaimedFamilies_ReportedUnderTheClaimingRule()
    {
        var samples = Load().Where(s => DefaultFamilies.ContainsKey(s.RuleId)).ToList();
        var scanner = new SecretScanner();
        bool Reports(Sample s) => scanner.ScanText("sample.txt", s.Text).Any(f => f.RuleId == DefaultFamilies[s.RuleId]);

        var tps = samples.Where(s => s.TruePositive).ToList();
        var missed = tps.Where(s => !Reports(s)).ToList();
        var falsePositives = samples.Where(s => !s.TruePositive && Reports(s)).ToList();
        var recall = 1 - (double)missed.Count / tps.Count;

        output.WriteLine($"default rules: recall {tps.Count - missed.Count}/{tps.Count} = {recall:P1}; false positives {falsePositives.Count}/{samples.Count - tps.Count}");
        foreach (var s in missed) output.WriteLine($"missed {s.RuleId}: {Shorten(s.Text)}");
        foreach (var s in falsePositives) output.WriteLine($"false positive {s.RuleId}: {Shorten(s.Text)}");
        Assert.True(recall >= DefaultRecallFloor, $"recall {recall:P1} under the floor {DefaultRecallFloor:P0}");
        Assert.True(falsePositives.Count <= DefaultFalsePositiveCeiling, $"{falsePositives.Count} false positives, over {DefaultFalsePositiveCeiling}");
    }

    private static string Shorten(string s) => (s.Length > 100 ? s[..100] + "…" : s).Replace("\n", "\\n");

    private static List<Sample> Load() =>
        File.ReadAllLines(Path.Combine(Dir, "samples.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(c => new Sample(c[0] == "tp", c[1], Unescape(c[2])))
            .ToList();

    private static string Unescape(string s) =>
        System.Text.RegularExpressions.Regex.Replace(s, @"\\(.)", m => m.Groups[1].Value switch
        {
            "n" => "\n", "t" => "\t", "r" => "\r", var c => c,
        });
}
