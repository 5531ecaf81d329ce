namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Credentials that vendors publish in their own documentation and samples: they look real, pass every entropy
/// check and are in countless READMEs, but grant nothing. Every default rule carries this allowlist.
/// </summary>
internal static class ExampleValues
{
    private const string Id = "default-example-values";

    // The public Google sample keys gitleaks' gcp-api-key rule allowlists (github.com/gitleaks/gitleaks,
    // config/gitleaks.toml, MIT License, Copyright (c) 2019 Zachary Rice).
    private static readonly string[] GoogleSampleKeys =
    [
        "AIzaSyabcdefghijklmnopqrstuvwxyz1234567", "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs",
        "AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM", "AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU",
        "AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0", "AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A",
        "AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c", "AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4",
        "AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY", "AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM",
        "AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ", "AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g",
        "AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU", "AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw",
        "AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE", "AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY",
    ];

    public static SecretAllowlist Allowlist { get; } = new()
    {
        Regexes =
        [
            // AWS's documentation writes every example key id and secret key with this suffix
            // (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY); a real key never has it.
            RuleRegex.Compile("EXAMPLE(?:KEY)?$", Id, "allowlist regex"),
            // Every real Slack token holds the workspace's numeric ids; "xoxb-your-bot-token" holds no digit.
            RuleRegex.Compile(@"^xox[abposr]-[A-Za-z\-]+$", Id, "allowlist regex"),
            // The storage emulator's (Azurite's) well-known account key, published in Microsoft's docs.
            RuleRegex.Compile("^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==$", Id, "allowlist regex"),
            RuleRegex.Compile($"^(?:{string.Join('|', GoogleSampleKeys.Select(System.Text.RegularExpressions.Regex.Escape))})$", Id, "allowlist regex"),
        ],
    };
}
