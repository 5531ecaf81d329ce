using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary><c>secrets:</c> environment variable name → reference, or → <c>{ref: …, file: true}</c>.</summary>
internal static class SecretsSection
{
    private const string Expected = "a reference (" + SecretReference.Syntax + ") or a mapping with ref and file";

    /// <param name="runEnvironment">The names <c>run.env</c> sets: a secret may not set one of them too.</param>
    public static SecretsSpec Read(NodeReader r, string key, IReadOnlyDictionary<string, string> runEnvironment, string baseDirectory)
    {
        var names = ManifestValues.EnvironmentName
            .Where(name => !name.StartsWith("GREENLIGHT_", StringComparison.Ordinal), "a name not starting with GREENLIGHT_, which Greenlight sets")
            .Where(name => !runEnvironment.ContainsKey(name), "a name that run.env does not set too");
        var reference = Reference(baseDirectory);
        var variables = r.Entries(key, names, reference.Select(value => new SecretBinding(value)), mapping =>
        {
            var value = mapping.Required("ref", reference);
            var asFile = mapping.Optional("file", Scalars.Bool, false);
            return value is null ? null : new SecretBinding(value, asFile);
        });
        return new SecretsSpec(variables);
    }

    /// <summary>A file reference is made absolute against the manifest's directory, as every path in the manifest is.</summary>
    /// <param name="expected">What the key takes, for a value that is no reference at all.</param>
    public static Scalar<SecretReference> Reference(string baseDirectory, string expected = Expected) =>
        new Scalar<SecretReference>(expected, SecretReference.TryParse)
            .Where(r => r.IsValid || r.Scheme != SecretReference.Store, "store:<path> with " + SecretReference.StorePathRule)
            .Where(r => r.IsValid || r.Scheme != SecretReference.Env, "env:<NAME> with an environment variable name such as SHOP_DB_PASSWORD")
            .Where(r => r.IsValid || r.Scheme != SecretReference.File, "file:<path> with a path, relative to the manifest's directory")
            .Where(r => r.IsValid, "vault:<mount>/<path>#<key>, such as vault:secret/shop#db_password")
            .Select(r => r.Scheme == SecretReference.File ? r with { Path = Path.GetFullPath(r.Path, baseDirectory) } : r);
}
