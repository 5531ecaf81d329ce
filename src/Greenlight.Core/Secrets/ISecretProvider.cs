using Greenlight.Core.Manifest;

namespace Greenlight.Core.Secrets;

/// <summary>Reads secrets where they are kept. Keyed by <see cref="Name"/>, the scheme of the references it reads.</summary>
public interface ISecretProvider
{
    string Name { get; }

    /// <summary>The value <paramref name="reference"/> names now, and its version when the source has one.</summary>
    /// <exception cref="SecretUnavailableException">It cannot be read; the message names the reference and what is wrong.</exception>
    Task<SecretValue> GetAsync(SecretReference reference, CancellationToken cancellationToken);
}

/// <param name="Version">What changes when the secret is rotated (a store or Vault version, a file's write time); null
/// when the source has none. Safe to record and show.</param>
public sealed record SecretValue(string Value, string? Version)
{
    /// <summary>A secret is a password, a token, a key or a certificate: anything larger is a mistake (a wrong file).</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Never the value: a record prints its members, and this one may end up in a log or an exception.</summary>
    public override string ToString() => $"secret value, version {Version ?? "-"}";
}

/// <summary>A secret that cannot be read. Its message names the reference and what is wrong, never a value.</summary>
public sealed class SecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
