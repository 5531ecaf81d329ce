namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Tokens of package registries, SaaS APIs and AI providers that teams leak most, in the formats the vendors
/// publish (and gitleaks' rules, github.com/gitleaks/gitleaks, follow). Each has a literal prefix or marker that
/// doubles as its keyword.
/// </summary>
internal static class PlatformTokenRules
{
    private const string Start = ProviderRules.Start;
    private const string End = ProviderRules.End;

    public static IEnumerable<SecretRule> All()
    {
        yield return ProviderRules.Rule("npm-access-token", "npm access token",
            $@"{Start}(npm_[A-Za-z0-9]{{36}}){End}", 3.0, "npm_");
        // The fixed part is base64 of the macaroon header naming pypi.org, so every PyPI token starts with it.
        yield return ProviderRules.Rule("pypi-upload-token", "PyPI API token",
            $@"{Start}(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{{50,1000}}){End}", 3.0, "pypi-ageichlwas5vcmc");
        yield return ProviderRules.Rule("docker-hub-token", "Docker Hub personal or organisation access token",
            $@"{Start}(dckr_(?:pat|oat)_[A-Za-z0-9_\-]{{27}}){End}", 3.0, "dckr_");
        // No keywords: the only literals ("sk", "sg." in any case) are in most files (task, msg.), and each
        // keyword slows the one search for all of them. The regex itself starts with the literal, in its case
        // ("SK", "SG."), which .NET finds with a vectorised search, the boundary check coming after it.
        yield return ProviderRules.Rule("twilio-api-key", "Twilio API key SID",
            $@"(SK(?<![A-Za-z0-9_\-]SK)[0-9a-fA-F]{{32}}){End}", 3.0);
        yield return ProviderRules.Rule("sendgrid-api-token", "SendGrid API key",
            $@"(SG\.(?<![A-Za-z0-9_\-]SG\.)[A-Za-z0-9_\-]{{22}}\.[A-Za-z0-9_\-]{{43}}){End}", 3.0);
        yield return ProviderRules.Rule("shopify-token", "Shopify access token or shared secret",
            $@"{Start}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{{32}}){End}", 3.0, "shpat_", "shpca_", "shppa_", "shpss_");
        // Project, service-account and admin keys and the older user keys all hold "T3BlbkFJ" (base64 of "OpenAI").
        yield return ProviderRules.Rule("openai-api-key", "OpenAI API key",
            $@"{Start}(sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_\-]{{74}}|[A-Za-z0-9_\-]{{58}})T3BlbkFJ(?:[A-Za-z0-9_\-]{{74}}|[A-Za-z0-9_\-]{{58}})|sk-[A-Za-z0-9]{{20}}T3BlbkFJ[A-Za-z0-9]{{20}}){End}",
            3.0, "t3blbkfj");
        yield return ProviderRules.Rule("anthropic-api-key", "Anthropic API or admin key",
            $@"{Start}(sk-ant-(?:api03|admin01)-[A-Za-z0-9_\-]{{93}}AA){End}", 3.0, "sk-ant-");
    }
}
