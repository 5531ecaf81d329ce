using Greenlight.Core.Pipelines;
using Greenlight.Testing;

namespace Greenlight.Engine.Tests.Pipeline;

/// <summary>The built-in checks as pipeline steps: what fails them, what they accept, and what they say.</summary>
public sealed class CheckStepTests
{
    /// <summary>A liveness bound per use: one token for the whole class ran out for its last tests on a loaded machine.</summary>
    private static CancellationToken Ct => new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    private const string Advisory = """
        {"id": "GHSA-5crp-9r3c-p9vr", "aliases": ["CVE-2024-21907"], "summary": "Newtonsoft.Json exceptional conditions",
         "database_specific": {"severity": "HIGH"},
         "affected": [{"package": {"ecosystem": "NuGet", "name": "Newtonsoft.Json"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "13.0.1"}]}]}]}
        """;

    private static void WriteVulnerableApp(PipelineWorkspace w)
    {
        w.Write("osv/advisory.json", Advisory);
        w.Write("src/packages.lock.json", """
            { "version": 1, "dependencies": { "net10.0": { "Newtonsoft.Json": { "type": "Direct", "requested": "[12.0.3, )", "resolved": "12.0.3" } } } }
            """);
    }

    private static string Dependencies(string extra = "") => $"""
            - name: scan
              steps:
                - name: deps
                  check: dependencies
                  osv: osv
        {extra}
        """;

    [Fact]
    public async Task Dependencies_VulnerablePackage_FailsWithIdAliasesSeverityAndFix()
    {
        using var w = new PipelineWorkspace();
        WriteVulnerableApp(w);

        var run = await w.RunAsync(Dependencies(), Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Equal(["src/packages.lock.json: Newtonsoft.Json 12.0.3 (NuGet): GHSA-5crp-9r3c-p9vr (CVE-2024-21907), severity high, fixed in 13.0.1: Newtonsoft.Json exceptional conditions"],
            run.Steps[0].Findings.Select(f => f.Replace(w.Root + "/", "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Dependencies_IgnoredWithAReasonUntilLater_Passes()
    {
        using var w = new PipelineWorkspace();
        WriteVulnerableApp(w);

        var run = await w.RunAsync(Dependencies("          ignore: [{id: CVE-2024-21907, reason: only parses our own config, expires: 2999-01-01}]"), Ct);

        Assert.Equal(StepStatus.Passed, run.Steps[0].Status);
        Assert.Contains("ignored: ", await File.ReadAllTextAsync(run.Steps[0].Log, Ct));
    }

    [Fact]
    public async Task Dependencies_ExpiredIgnore_FailsAgainAndSaysItExpired()
    {
        using var w = new PipelineWorkspace();
        WriteVulnerableApp(w);

        var run = await w.RunAsync(Dependencies("          ignore: [{id: GHSA-5crp-9r3c-p9vr, reason: waiting for a fix, expires: 2020-01-01}]"), Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Contains("the ignore entry for GHSA-5crp-9r3c-p9vr expired on 2020-01-01", await File.ReadAllTextAsync(run.Steps[0].Log, Ct));
    }

    [Fact]
    public async Task Dependencies_OsvDirectoryMissing_FailsTheStepRatherThanPassingBlind()
    {
        using var w = new PipelineWorkspace();

        var run = await w.RunAsync(Dependencies(), Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Contains("osv", run.Steps[0].Reason);
    }

    [Fact]
    public async Task Secrets_KeyCommittedThenDeleted_IsFoundOnlyWhenTheHistoryIsScanned()
    {
        using var w = new PipelineWorkspace();
        w.Write(".gitignore", ".greenlight/\n");
        w.Write("config.py", "aws_access_key_id = \"" + "AK" + "IA" + "Q7ZT3XK2VB6N4MWR\"\n");
        await Git.InitAndCommitAsync(w.Root, Ct);
        File.Delete(Path.Combine(w.Root, "config.py"));
        await Git.RunAsync(w.Root, Ct, "commit", "-qam", "remove the key");
        const string Step = "    - name: scan\n      steps:\n        - {name: secrets, check: secrets, history: ";

        var tree = await w.RunAsync(Step + "false}\n", Ct);
        var history = await w.RunAsync(Step + "true}\n", Ct);

        Assert.Equal(StepStatus.Passed, tree.Steps[0].Status);
        Assert.Equal(StepStatus.Failed, history.Steps[0].Status);
        Assert.Matches("^[0-9a-f]{12}:config.py:1:22: aws-access-key-id", Assert.Single(history.Steps[0].Findings));
    }


    [Fact]
    public async Task Secrets_KeyInHistoryListedInGitleaksIgnore_PassesAndTheLogSaysWhatWasSilenced()
    {
        using var w = new PipelineWorkspace();
        w.Write(".gitignore", ".greenlight/\n");
        w.Write("config.py", "aws_access_key_id = \"" + "AK" + "IA" + "Q7ZT3XK2VB6N4MWR\"  # gitleaks:allow\n");
        w.Write("old.py", "aws_access_key_id = \"" + "AK" + "IA" + "Q7ZT3XK2VB6N4MWR\"\n");
        await Git.InitAndCommitAsync(w.Root, Ct);
        File.Delete(Path.Combine(w.Root, "old.py"));
        await Git.RunAsync(w.Root, Ct, "commit", "-qam", "remove the key");
        w.Write(".gitleaksignore", "old.py:aws-access-key-id:1\n");

        var run = await w.RunAsync("    - name: scan\n      steps:\n        - {name: secrets, check: secrets, history: true}\n", Ct);

        Assert.Equal(StepStatus.Passed, run.Steps[0].Status);
        Assert.Contains("suppressed 3 findings: 2 by gitleaks:allow, 1 by .gitleaksignore", await File.ReadAllTextAsync(run.Steps[0].Log, Ct));
    }
    [Fact]
    public async Task Secrets_PulumiTokenWithRulesGitleaks_FailsOnlyWithGitleaksRules()
    {
        using var w = new PipelineWorkspace();
        w.Write("deploy.py", "pulumi_login(\"pul-" + string.Concat(Enumerable.Repeat("3f9a0c7e1b", 4)) + "\")\n");
        const string Step = "    - name: scan\n      steps:\n        - {name: secrets, check: secrets";

        var defaults = await w.RunAsync(Step + "}\n", Ct);
        var gitleaks = await w.RunAsync(Step + ", rules: gitleaks}\n", Ct);

        Assert.Equal(StepStatus.Passed, defaults.Steps[0].Status);
        Assert.Equal(StepStatus.Failed, gitleaks.Steps[0].Status);
        Assert.StartsWith("deploy.py:1:15: pulumi-api-token", Assert.Single(gitleaks.Steps[0].Findings));
        Assert.Contains("with 222 gitleaks rules", await File.ReadAllTextAsync(gitleaks.Steps[0].Log, Ct));
    }

    [Fact]
    public async Task Iac_PrivilegedContainer_FailsNamingTheResourceAndPath_UnlessSkippedWithAReason()
    {
        using var w = new PipelineWorkspace();
        w.Write("deploy/app.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: shop}
            spec:
              containers:
                - name: shell
                  image: busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111
                  resources: {limits: {cpu: 100m, memory: 64Mi}}
                  securityContext: {privileged: true}
            """);
        const string Step = "    - name: scan\n      steps:\n        - {name: infra, check: iac, path: deploy";

        var failed = await w.RunAsync(Step + "}\n", Ct);
        var skipped = await w.RunAsync(Step + ", skip: [{rule: IAC005, resource: Pod/shop/debug, reason: node debugging only}]}\n", Ct);

        Assert.Equal(StepStatus.Failed, failed.Steps[0].Status);
        Assert.Contains(failed.Steps[0].Findings, f => f.Contains("IAC005 Pod/shop/debug spec.containers[0].securityContext.privileged", StringComparison.Ordinal));
        Assert.Equal(StepStatus.Passed, skipped.Steps[0].Status);
    }

    [Fact]
    public async Task Iac_SkipNamingNoRule_FailsTheStepSayingWhichRulesExist()
    {
        using var w = new PipelineWorkspace();
        w.Write("deploy/empty.yaml", "# nothing yet\n");

        var run = await w.RunAsync("    - name: scan\n      steps:\n        - {name: infra, check: iac, path: deploy, skip: [{rule: IAC050, resource: x, reason: typo}]}\n", Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.StartsWith("skip names rule IAC050, which does not exist: expected one of IAC000, IAC001", run.Steps[0].Reason);
    }

    [Fact]
    public async Task Iac_PlanSavedByWindowsPowerShellAsUtf16_FailsTheStepAsItsUtf8TwinDoes()
    {
        // What `terraform show -json > plan.json` writes in Windows PowerShell 5.1: UTF-16LE with a byte order mark.
        const string Plan = """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main", "values": {"publicly_accessible": true}}
            ]}}}
            """;
        using var w = new PipelineWorkspace();
        var path = w.Write("deploy/plan.json", "");
        File.WriteAllBytes(path, [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(Plan)]);
        w.Write("utf8/plan.json", Plan);
        const string Step = "    - name: scan\n      steps:\n        - {name: infra, check: iac, path: ";

        var utf16 = await w.RunAsync(Step + "deploy}\n", Ct);
        var utf8 = await w.RunAsync(Step + "utf8}\n", Ct);

        Assert.Equal(StepStatus.Failed, utf16.Steps[0].Status);
        Assert.Contains(utf16.Steps[0].Findings, f => f.StartsWith("plan.json:2: IAC004 aws_db_instance.main", StringComparison.Ordinal));
        Assert.Equal(utf8.Steps[0].Findings, utf16.Steps[0].Findings);
    }

    [Theory]
    [InlineData("app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ", "app.yaml:4:262: cannot read YAML: a list nested more than 256 levels deep")]
    [InlineData("greenlight.yaml", "app: shop\nrun: {command: dotnet}\nedge: {listen: 127.0.0.1:8080}\ntags: ", "greenlight.yaml:4:262: cannot read YAML: a list nested more than 256 levels deep")]
    [InlineData("plan.json", "{\"format_version\": \"1.2\",\n\"planned_values\": ", "plan.json:2:")]
    public async Task Iac_FileNested50000Deep_FailsTheStepNamingTheFile(string file, string head, string reason)
    {
        using var w = new PipelineWorkspace();
        w.Write($"deploy/{file}", head + new string('[', 50_000) + new string(']', 50_000) + (file.EndsWith(".json") ? "}" : "") + "\n");

        var run = await w.RunAsync("    - name: scan\n      steps:\n        - {name: infra, check: iac, path: deploy}\n", Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.StartsWith(reason, run.Steps[0].Reason);
    }

    [Fact]
    public async Task MigrationsLint_ScriptThatBreaksTheRunningRelease_FailsWithTheRule()
    {
        using var w = new PipelineWorkspace();
        w.Write("migrations/V1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\n");
        w.Write("migrations/V2__rename.sql", "ALTER TABLE items RENAME COLUMN name TO title;\n");
        var service = w.Service("    - name: lint\n      steps:\n        - {name: migrations, check: migrations-lint}\n",
            "database:\n  provider: sqlite\n  connection: Data Source=shop.db\n");

        var run = await service.RunAsync("pl-lint0001", null, w, Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Contains(run.Steps[0].Findings, f => f.Contains("V2__rename.sql:1:", StringComparison.Ordinal) && f.Contains("GL003", StringComparison.Ordinal));
    }
}
