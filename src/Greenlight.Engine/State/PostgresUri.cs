using Npgsql;

namespace Greenlight.Engine.State;

/// <summary>libpq's URI form, <c>postgres://user[:password]@host[:port]/database[?sslmode=…]</c>, as an Npgsql connection string.</summary>
internal static class PostgresUri
{
    /// <summary>The query parameters understood, libpq's names to Npgsql's keywords.</summary>
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["passfile"] = "Passfile",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
    };

    public static NpgsqlConnectionStringBuilder Parse(string text, string source)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new StateLocationException($"{source}: not a URI of the form postgres://user@host:port/database");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
            builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        builder.Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=') is var eq and > 0 ? (pair[..eq], Uri.UnescapeDataString(pair[(eq + 1)..])) : (pair, "");
            if (key == "password")
                builder.Password = value;
            else if (Parameters.TryGetValue(key, out var keyword))
                builder[keyword] = value;
            else
                throw new StateLocationException($"{source}: unknown parameter '{key}'; expected one of {string.Join(", ", Parameters.Keys)}");
        }
        return builder;
    }
}
