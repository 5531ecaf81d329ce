using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The <c>secrets</c> section: variable names mapped to references, never to values.</summary>
public sealed class SecretsManifestTests
{
    private const string Reference = "a reference (store:<path>, env:<NAME>, file:<path> or vault:<mount>/<path>#<key>) or a mapping with ref and file";

    [Fact]
    public void Parse_EverySchemeAndTheFileForm_AreRead()
    {
        var result = ManifestLoader.Parse(With("""
            secrets:
              DB_PASSWORD: store:shop/db-password
              API_TOKEN: env:SHOP_API_TOKEN
              LICENSE: file:secrets/license.txt
              TLS_KEY: {ref: "vault:secret/shop/tls#key", file: true}
            """), "/srv/shop/greenlight.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var secrets = result.Manifest.Secrets.Variables;
        Assert.Equal(new SecretBinding(new SecretReference("store", "shop/db-password")), secrets["DB_PASSWORD"]);
        Assert.Equal(new SecretBinding(new SecretReference("env", "SHOP_API_TOKEN")), secrets["API_TOKEN"]);
        Assert.Equal(new SecretBinding(new SecretReference("file", "/srv/shop/secrets/license.txt")), secrets["LICENSE"]);
        Assert.Equal(new SecretBinding(new SecretReference("vault", "secret/shop/tls", "key"), AsFile: true), secrets["TLS_KEY"]);
        Assert.Equal("vault:secret/shop/tls#key", secrets["TLS_KEY"].Reference.ToString());
    }

    [Fact]
    public void Parse_NoSecrets_IsEmpty() => Assert.Empty(ManifestLoader.Parse(Minimal, "greenlight.yaml").Manifest!.Secrets.Variables);

    [Theory]
    [InlineData("  DB: hunter2", "greenlight.yaml:7:7: secrets.DB: found \"hunter2\", expected " + Reference)]
    [InlineData("  DB: s3:bucket/key", "greenlight.yaml:7:7: secrets.DB: found \"s3:bucket/key\", expected " + Reference)]
    [InlineData("  DB: store:../db", "greenlight.yaml:7:7: secrets.DB: found \"store:../db\", expected store:<path> with a path of letters, digits, '.', '-' and '_' in segments joined by '/', such as shop/db-password")]
    [InlineData("  DB: \"store:\"", "greenlight.yaml:7:7: secrets.DB: found \"store:\", expected store:<path> with a path of letters, digits, '.', '-' and '_' in segments joined by '/', such as shop/db-password")]
    [InlineData("  DB: env:1PASSWORD", "greenlight.yaml:7:7: secrets.DB: found \"env:1PASSWORD\", expected env:<NAME> with an environment variable name such as SHOP_DB_PASSWORD")]
    [InlineData("  DB: \"file:\"", "greenlight.yaml:7:7: secrets.DB: found \"file:\", expected file:<path> with a path, relative to the manifest's directory")]
    [InlineData("  DB: vault:secret/shop", "greenlight.yaml:7:7: secrets.DB: found \"vault:secret/shop\", expected vault:<mount>/<path>#<key>, such as vault:secret/shop#db_password")]
    [InlineData("  DB: \"vault:secret#key\"", "greenlight.yaml:7:7: secrets.DB: found \"vault:secret#key\", expected vault:<mount>/<path>#<key>, such as vault:secret/shop#db_password")]
    [InlineData("  DB: [store:a]", "greenlight.yaml:7:7: secrets.DB: found a list, expected " + Reference)]
    [InlineData("  DB:", "greenlight.yaml:7:6: secrets.DB: found \"\", expected " + Reference)]
    [InlineData("  DB-PASSWORD: store:a", "greenlight.yaml:7:3: secrets: found \"DB-PASSWORD\", expected an environment variable name such as SHOP_MODE")]
    [InlineData("  PORT: store:a", "greenlight.yaml:7:3: secrets: found \"PORT\", expected a name other than PORT, which Greenlight sets to the revision's port")]
    [InlineData("  GREENLIGHT_REVISION: store:a", "greenlight.yaml:7:3: secrets: found \"GREENLIGHT_REVISION\", expected a name not starting with GREENLIGHT_, which Greenlight sets")]
    [InlineData("  DB: {file: true}", "greenlight.yaml:7:7: secrets.DB.ref: missing required key, expected " + Reference)]
    [InlineData("  DB: {ref: store:a, file: yes please}", "greenlight.yaml:7:28: secrets.DB.file: found \"yes please\", expected true or false")]
    [InlineData("  DB: {ref: store:a, mode: 0600}", "greenlight.yaml:7:22: secrets.DB.mode: unknown key, expected one of ref, file")]
    public void Parse_BadSecret_IsReportedWhereItIs(string line, string expected) =>
        Assert.Equal([expected], Errors(With("secrets:\n" + line)));

    [Fact]
    public void Parse_SecretNamedLikeARunVariable_IsRefusedAtTheSecret()
    {
        var yaml = Minimal.Replace("  command: dotnet", "  command: dotnet\n  env:\n    DB_PASSWORD: plain") + "\nsecrets:\n  DB_PASSWORD: store:shop/db";

        Assert.Equal(["greenlight.yaml:9:3: secrets: found \"DB_PASSWORD\", expected a name that run.env does not set too"], Errors(yaml));
    }

    [Fact]
    public void Parse_SecretsThatAreNotAMapping_AreRefused() =>
        Assert.Equal(["greenlight.yaml:6:10: secrets: found a list, expected a mapping"], Errors(With("secrets: [store:a]")));

    [Fact]
    public void MergedWith_OverrideReplacesSameNameAndKeepsTheRest()
    {
        var app = new SecretsSpec(new Dictionary<string, SecretBinding>
        {
            ["DB"] = new(new SecretReference("store", "shop/db")),
            ["TOKEN"] = new(new SecretReference("env", "TOKEN")),
        });
        var production = new SecretsSpec(new Dictionary<string, SecretBinding> { ["DB"] = new(new SecretReference("vault", "secret/shop", "db"), AsFile: true) });

        var merged = app.MergedWith(production).Variables;

        Assert.Equal(["DB", "TOKEN"], merged.Keys.Order());
        Assert.Equal("vault:secret/shop#db", merged["DB"].Reference.ToString());
        Assert.True(merged["DB"].AsFile);
        Assert.Equal("env:TOKEN", merged["TOKEN"].Reference.ToString());
        Assert.Equal(2, app.Variables.Count); // the app's own are untouched
    }
}
