using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class FalsePositiveTests
{
    private static readonly string Sha512 = "sha512-" + Fake.Chars(Fake.Base64, 86, 40) + "==";
    private static readonly string Sha256Hex = Fake.Chars("0123456789abcdef", 64, 41);

    public static TheoryData<string, string> LookAlikes => new()
    {
        { "src/Ids.cs", "var tenantId = \"3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c\";\nvar token = \"6b1f0c2e-7d3a-4f59-9e81-2c4b6a8d0e1f\";\n" },
        { "package-lock.json", $"{{\n  \"packages\": {{\n    \"node_modules/aws-sdk\": {{\n      \"version\": \"2.1.0\",\n      \"resolved\": \"https://registry.npmjs.org/aws-sdk/-/aws-sdk-2.1.0.tgz\",\n      \"integrity\": \"{Sha512}\"\n    }}\n  }}\n}}\n" },
        { "src/App/packages.lock.json", $"{{\n  \"dependencies\": {{\n    \"net10.0\": {{\n      \"AWSSDK.Core\": {{\n        \"resolved\": \"3.7.0\",\n        \"contentHash\": \"{Fake.Chars(Fake.Base64, 86, 42)}==\"\n      }}\n    }}\n  }}\n}}\n" },
        { "checksums.txt", $"sha256 = \"{Sha256Hex}\"\n" },
        { "crypto.py", $"public_key = \"{Fake.Chars(Fake.Base64, 44, 43)}\"\nPUBLIC_KEY_PEM = load('pub.pem')\n" },
        { "config.ini", "password = \"changeme\"\nsecret = \"your_secret_here\"\n" },
        { "compose.yml", "environment:\n  DB_PASSWORD: \"${SECRET}\"\n  API_TOKEN: \"{{ vault_token }}\"\n  SECRET_KEY: \"<your-secret-key>\"\n" },
        { "settings.py", "PASSWORD = os.environ['PASSWORD']\ntoken = get_token()\npassword = \"********\"\n" },
        { "docs/aws.md", "Set AWS_SECRET_ACCESS_KEY to your key; an id looks like AKIAXXXXXXXXXXXXXXXX.\n" },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void ScanDirectory_KnownLookAlike_NoFinding(string file, string content)
    {
        using var tree = new TempTree();
        tree.Write(file, content);

        var findings = new SecretScanner().ScanDirectory(tree.Root);

        Assert.Empty(findings);
    }
}
