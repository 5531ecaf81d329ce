namespace Greenlight.Core.Manifest;

/// <summary>
/// The secrets a revision gets, by environment variable name. Only references live here: values are read when a
/// revision starts and go into that process alone.
/// </summary>
public sealed record SecretsSpec(IReadOnlyDictionary<string, SecretBinding> Variables)
{
    public static readonly SecretsSpec None = new(new Dictionary<string, SecretBinding>(StringComparer.Ordinal));

    /// <summary>These secrets with <paramref name="overrides"/> laid over them (an environment's over the app's):
    /// a name set in both takes the override's reference, the others are kept from both.</summary>
    public SecretsSpec MergedWith(SecretsSpec overrides)
    {
        if (overrides.Variables.Count == 0)
            return this;
        var merged = new Dictionary<string, SecretBinding>(Variables, StringComparer.Ordinal);
        foreach (var (name, binding) in overrides.Variables)
            merged[name] = binding;
        return new SecretsSpec(merged);
    }
}

/// <param name="AsFile">The value is written to an owner-only file and the variable holds the file's path.</param>
public sealed record SecretBinding(SecretReference Reference, bool AsFile = false);

/// <summary>
/// Where a secret is kept: <c>store:&lt;path&gt;</c>, <c>env:&lt;NAME&gt;</c>, <c>file:&lt;path&gt;</c> (absolute once
/// read from the manifest) or <c>vault:&lt;mount&gt;/&lt;path&gt;#&lt;key&gt;</c>. Its text is safe to show: it names a
/// secret, it is not one.
/// </summary>
/// <param name="Scheme">The name of the <see cref="Secrets.ISecretProvider"/> that reads it.</param>
/// <param name="Key">The field within a Vault secret; null for the other schemes.</param>
public sealed record SecretReference(string Scheme, string Path, string? Key = null)
{
    public const string Store = "store";
    public const string Env = "env";
    public const string File = "file";
    public const string Vault = "vault";

    public static readonly IReadOnlyList<string> Schemes = [Store, Env, File, Vault];

    public const string Syntax = "store:<path>, env:<NAME>, file:<path> or vault:<mount>/<path>#<key>";

    /// <summary>Splits <c>scheme:rest</c> (and a Vault reference's <c>#key</c>); false for an unknown scheme. The parts
    /// are not checked here: see <see cref="IsValid"/>.</summary>
    public static bool TryParse(string text, out SecretReference reference)
    {
        reference = new SecretReference("", "");
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Schemes.Contains(text[..colon]))
            return false;
        var scheme = text[..colon];
        var rest = text[(colon + 1)..];
        var hash = scheme == Vault ? rest.LastIndexOf('#') : -1;
        reference = hash < 0 ? new SecretReference(scheme, rest) : new SecretReference(scheme, rest[..hash], rest[(hash + 1)..]);
        return true;
    }

    /// <summary>The rules of each scheme, so that a reference that cannot work is refused before any release.</summary>
    public bool IsValid => Scheme switch
    {
        Store => IsStorePath(Path),
        Env => Path.Length > 0 && (char.IsAsciiLetter(Path[0]) || Path[0] == '_') && Path.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'),
        File => Path.Length > 0,
        Vault => Key is { Length: > 0 } && Path.Split('/') is [_, _, ..] segments && segments.All(IsSegment),
        _ => false,
    };

    /// <summary>A store path: segments of letters, digits, '.', '-' and '_' joined by '/', such as <c>shop/db-password</c>.</summary>
    public static bool IsStorePath(string path) => path.Length is > 0 and <= 256 && path.Split('/').All(IsSegment);

    public static string StorePathRule => "a path of letters, digits, '.', '-' and '_' in segments joined by '/', such as shop/db-password";

    private static bool IsSegment(string segment) =>
        segment.Length > 0 && segment is not ("." or "..") && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    public override string ToString() => $"{Scheme}:{Path}" + (Key is null ? "" : $"#{Key}");
}
