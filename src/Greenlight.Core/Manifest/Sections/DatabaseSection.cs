using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static partial class DatabaseSection
{
    private static readonly Scalar<string> Connection = Scalars.String(text => text.Length > 0 && !InlineSecret().IsMatch(text),
        "a connection string without a password (put a secret in an environment variable and name it in connectionFromEnv)");

    public static DatabaseSpec? Read(NodeReader r, string baseDirectory)
    {
        var provider = r.Required("provider", Scalars.OneOf("sqlite", "postgresql"));
        r.ExactlyOne("no connection", "connection", "connectionFromEnv");
        var connection = r.Optional("connection", Connection);
        var fromEnv = r.Optional("connectionFromEnv", ManifestValues.EnvironmentName);
        var migrations = r.Optional("migrations", Scalars.NonEmptyText, "migrations");
        var history = r.Optional("historyTable", Scalars.Matching(TableName(), "a table name of letters, digits and _"), "greenlight_schema_history");
        var outOfOrder = r.Optional("outOfOrder", Scalars.Bool, false);
        var statementTimeout = r.Has("statementTimeout") ? r.Required("statementTimeout", Scalars.Duration) : (TimeSpan?)null;
        var lockTimeout = r.Has("lockTimeout") ? r.Required("lockTimeout", Scalars.Duration) : (TimeSpan?)null;
        if (provider == "sqlite")
        {
            // SQLite has no server-side limit on a statement or a lock wait: a setting it cannot honour is refused, not ignored.
            foreach (var key in (ReadOnlySpan<string>)["statementTimeout", "lockTimeout"])
            {
                if (r.Has(key))
                    r.Report(key, "found a PostgreSQL server setting with provider sqlite, which cannot enforce it", "no " + key + " for sqlite (remove the key)");
            }
        }
        var installedBy = r.Optional("installedBy", Scalars.Matching(InstalledBy(), "a name of 1 to 100 characters"));
        var placeholders = new PlaceholderSpec(
            r.StringMap("placeholders", Scalars.Matching(PlaceholderName(), "a placeholder name of letters, digits, _, - and ."), Scalars.Text),
            r.Optional("placeholderPrefix", Scalars.NonEmptyText, PlaceholderSpec.Default.Prefix),
            r.Optional("placeholderSuffix", Scalars.NonEmptyText, PlaceholderSpec.Default.Suffix),
            r.Optional("placeholderReplacement", Scalars.Bool, true));
        var lint = r.Map("lint", l => new LintSpec(
            l.Optional("requireLockTimeout", Scalars.Bool, LintSpec.Default.RequireLockTimeout),
            l.Optional("typeAdvice", Scalars.Bool, LintSpec.Default.TypeAdvice))) ?? LintSpec.Default;
        return provider is null || (connection is null && fromEnv is null)
            ? null
            : new DatabaseSpec(provider, connection, fromEnv, Path.GetFullPath(migrations, baseDirectory), history, outOfOrder)
            {
                StatementTimeout = statementTimeout,
                LockTimeout = lockTimeout,
                InstalledBy = installedBy,
                Placeholders = placeholders,
                Lint = lint,
            };
    }

    // Password=, Pwd=, or a user:password@ in a URI: a secret written in the manifest.
    [GeneratedRegex(@"(?i)(\b(password|pwd)\s*=\s*[^;\s]|://[^/@\s]+:[^/@\s]+@)")]
    private static partial Regex InlineSecret();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}\z")]
    private static partial Regex TableName();

    // Flyway's built-ins are flyway:…; a user's own may not take that prefix.
    [GeneratedRegex(@"^(?!flyway:)[A-Za-z0-9_.-]{1,100}\z")]
    private static partial Regex PlaceholderName();

    [GeneratedRegex(@"^\S.{0,99}\z")]
    private static partial Regex InstalledBy();
}
