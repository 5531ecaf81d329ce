using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>The default rules on config formats that write a secret without quotes.</summary>
public sealed class UnquotedSecretTests
{
    // Human-chosen passwords, as in the probe that found them missed (built here so this file holds no literal).
    private static readonly string Leet = "s3cr3t" + "V4lu3x9";
    private static readonly string Hunter = "hunter2" + "hunter2x";

    public static TheoryData<string, string, int, int> Formats => new()
    {
        { ".env", $"# database\nDB_PASSWORD={Leet}\n", 2, 13 },
        { "config/app.yml", $"db:\n  host: localhost\n  password: {Hunter}  # prod\n", 3, 13 },
        { "src/main/resources/application.properties", $"spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password = {Fake.Generic}\n", 2, 30 },
        { "deploy/env.sh", $"#!/bin/sh\nexport API_KEY={Fake.Chars(Fake.Alnum, 32, 60)}\n", 2, 16 },
        { "compose.yml", $"services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD={Leet}\r\n", 4, 27 },
        { "settings.ini", $"[auth]\nclient_secret: {Fake.Chars(Fake.Alnum, 40, 61)};\n", 2, 16 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void ScanText_UnquotedAssignment_FoundAtTheSecret(string file, string content, int line, int column)
    {
        var f = Assert.Single(new SecretScanner().ScanText(file, content));

        Assert.Equal("generic-unquoted-secret", f.RuleId);
        Assert.Equal((line, column), (f.Line, f.Column));
    }

    public static TheoryData<string, string> NotSecrets => new()
    {
        { "app.py", "db.connect(user=user, password=password)\npassword=get_password2()\n" },
        { ".env", "PWD=/home/deploy2\nDB_PASSWORD=${DB_PASSWORD}\nAPI_TOKEN=$TOKEN_V2\n" },
        { "types.ts", "interface Creds {\n  apiKey: ApiKeyType;\n  password: string;\n}\n" },
        { "policy.yml", "password: required\ntoken: none\nsecret_value: changeme2\n" },
        { "ci.yml", "env:\n  TOKEN: ${{ secrets.GH_TOKEN2 }}\n" },
        { "app.properties", "auth.token.url=https://login.example/v2/token\nspring.datasource.password=\n" },
        { "notes.md", "The password is 8 characters long and the token expires in 10 minutes.\n" },
    };

    [Theory]
    [MemberData(nameof(NotSecrets))]
    public void ScanText_UnquotedReferenceOrSetting_NoFinding(string file, string content)
    {
        Assert.Empty(new SecretScanner().ScanText(file, content));
    }
}
