using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>Typed access to an untyped TOML model, with errors that say which rule and key are wrong.</summary>
internal static class TomlRead
{
    public static string? String(TomlTable t, string key) =>
        t.TryGetValue(key, out var v) ? v as string ?? throw new SecretConfigException($"'{key}' must be a string") : null;

    public static double Number(TomlTable t, string key, string who) =>
        !t.TryGetValue(key, out var v) ? 0 : v switch
        {
            long l => l,
            double d => d,
            int i => i,
            _ => throw new SecretConfigException($"rule '{who}': '{key}' must be a number"),
        };

    public static List<string> Strings(TomlTable t, string key, string who)
    {
        if (!t.TryGetValue(key, out var v)) return [];
        if (v is not TomlArray a || a.Any(x => x is not string))
            throw new SecretConfigException($"{Who(who)}: '{key}' must be an array of strings");
        return a.Cast<string>().ToList();
    }

    public static TomlTable? Table(TomlTable t, string key) =>
        t.TryGetValue(key, out var v) ? v as TomlTable : null;

    public static IEnumerable<TomlTable> Tables(TomlTable t, string key) =>
        t.TryGetValue(key, out var v) && v is TomlTableArray arr ? arr.OfType<TomlTable>() : [];

    private static string Who(string who) => who.StartsWith("rule '") || who.Contains(' ') ? who : $"rule '{who}'";
}
