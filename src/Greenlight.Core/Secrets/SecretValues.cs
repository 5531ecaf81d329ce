using System.Collections;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Greenlight.Core.Manifest;

namespace Greenlight.Core.Secrets;

/// <summary>
/// Values the controller knows to be secret, masked by value wherever output is written: a step printing its
/// environment, an error quoting a connection string. Rules find what looks like a secret; this finds what is one,
/// whatever it looks like. Thread-safe: values may be added while output is being masked.
/// </summary>
public sealed class SecretValues
{
    public const string Mask = "****";

    /// <summary>Shorter values are not masked: hiding every "ab" would garble all output and hide nothing worth it.</summary>
    public const int MinLength = 4;

    private readonly Lock _lock = new();
    private string[] _values = [];

    /// <summary>The secrets of <paramref name="manifest"/> as the controller reads them from <paramref name="environment"/>:
    /// the connection string <c>database.connectionFromEnv</c> names, and the password inside it.</summary>
    public static SecretValues For(AppManifest manifest, IDictionary environment)
    {
        var secrets = new SecretValues();
        secrets.Include(manifest, environment);
        return secrets;
    }

    /// <summary>Adds the secrets of one more manifest: each release may bring its own.</summary>
    public void Include(AppManifest manifest, IDictionary environment)
    {
        if (manifest.Database?.ConnectionFromEnv is { } name && environment[name] is string connection)
            AddConnectionString(connection);
    }

    public void Add(string value)
    {
        if (value.Length < MinLength)
            return;
        lock (_lock)
        {
            // Longest first, so that a secret containing another is masked whole.
            if (!_values.Contains(value))
                _values = [.. _values.Append(value).OrderByDescending(v => v.Length)];
        }
    }

    /// <summary>The whole string, and its password alone (<c>Password=…</c>, <c>Pwd=…</c>, or <c>user:pass@</c> in a URI),
    /// which a driver's error may quote without the rest.</summary>
    public void AddConnectionString(string connection)
    {
        Add(connection);
        if (Uri.TryCreate(connection, UriKind.Absolute, out var uri) && uri.UserInfo.Split(':', 2) is [_, var password])
        {
            Add(Uri.UnescapeDataString(password));
            Add(password);
            return;
        }
        try
        {
            var parts = new DbConnectionStringBuilder { ConnectionString = connection };
            foreach (var key in new[] { "password", "pwd" })
            {
                if (parts.TryGetValue(key, out var value) && value is string secret)
                    Add(secret);
            }
        }
        catch (ArgumentException)
        {
            // Not key=value pairs: the whole string is masked, which is all that can be told apart.
        }
    }

    [return: NotNullIfNotNull(nameof(text))]
    public string? Apply(string? text)
    {
        if (text is null)
            return null;
        foreach (var value in Volatile.Read(ref _values))
        {
            if (text.Contains(value, StringComparison.Ordinal))
                text = text.Replace(value, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
