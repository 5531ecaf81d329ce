using System.Globalization;
using System.Text;
using Greenlight.Core.Manifest;
using Greenlight.Migrations.Databases;

namespace Greenlight.Migrations.Placeholders;

/// <summary>
/// Flyway's placeholder replacement: every <c>${name}</c> (prefix and suffix configurable) anywhere in a script,
/// comments included, names compared ignoring case, Flyway's <c>flyway:</c> built-ins taking precedence. A name with no
/// value is a problem at its file and line, found before anything runs.
/// </summary>
internal sealed class PlaceholderReplacer
{
    private const string FileNameKey = "flyway:filename";

    private readonly PlaceholderSpec _spec;
    private readonly Dictionary<string, string> _values;

    private PlaceholderReplacer(PlaceholderSpec spec, Dictionary<string, string> values)
    {
        _spec = spec;
        _values = values;
    }

    public bool Enabled => _spec.Replace;

    /// <summary>The run's values, read once per run as Flyway does (so one <c>${flyway:timestamp}</c> for the whole run).</summary>
    public static PlaceholderReplacer Create(PlaceholderSpec spec, DatabaseSession session, string historyTable, DateTimeOffset now)
    {
        var values = new Dictionary<string, string>(spec.Values, StringComparer.OrdinalIgnoreCase)
        {
            ["flyway:defaultSchema"] = session.Schema,
            ["flyway:user"] = session.User,
            ["flyway:database"] = session.Database,
            // Flyway formats the JVM's local time this way.
            ["flyway:timestamp"] = now.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["flyway:table"] = historyTable,
            ["flyway:workingDirectory"] = Directory.GetCurrentDirectory(),
        };
        return new PlaceholderReplacer(spec, values);
    }

    /// <summary>The script with its placeholders replaced, or unchanged when replacement is off; every unknown name is added to <paramref name="problems"/>.</summary>
    public string Replace(string sql, string script, List<ValidationProblem> problems)
    {
        if (!Enabled)
        {
            return sql;
        }
        var (prefix, suffix) = (_spec.Prefix, _spec.Suffix);
        var replaced = new StringBuilder(sql.Length);
        var at = 0;
        var found = problems.Count;
        for (var start = sql.IndexOf(prefix, StringComparison.Ordinal); start >= 0; start = sql.IndexOf(prefix, at, StringComparison.Ordinal))
        {
            replaced.Append(sql, at, start - at);
            var end = sql.IndexOf(suffix, start + prefix.Length, StringComparison.Ordinal);
            var line = LineAt(sql, start);
            if (end < 0)
            {
                problems.Add(new(script, $"{script}:{line}: placeholder '{prefix}' is never closed by '{suffix}'; close it, or set placeholderReplacement: false in the manifest's database section."));
                return sql;
            }
            var name = sql[(start + prefix.Length)..end];
            if (Value(name, script) is { } value)
            {
                replaced.Append(value);
            }
            else
            {
                problems.Add(new(script, $"{script}:{line}: no value for placeholder {prefix}{name}{suffix}; " + (name.StartsWith("flyway:", StringComparison.OrdinalIgnoreCase)
                    ? $"Greenlight's Flyway built-ins are {string.Join(", ", _values.Keys.Where(k => k.StartsWith("flyway:", StringComparison.Ordinal)).Append(FileNameKey))}."
                    : "give it a value under placeholders in the manifest's database section, or set placeholderReplacement: false.")));
            }
            at = end + suffix.Length;
        }
        replaced.Append(sql, at, sql.Length - at);
        return problems.Count == found ? replaced.ToString() : sql;
    }

    private string? Value(string name, string script) =>
        name.Equals(FileNameKey, StringComparison.OrdinalIgnoreCase) ? Path.GetFileName(script) : _values.GetValueOrDefault(name);

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
