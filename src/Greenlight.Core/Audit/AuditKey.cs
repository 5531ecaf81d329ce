using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Greenlight.Core.Audit;

/// <summary>
/// The Ed25519 key that signs checkpoints (.NET has no Ed25519: BouncyCastle's RFC 8032 code does the maths).
/// Stored as PKCS#8 and SubjectPublicKeyInfo PEM, the forms OpenSSL reads: <c>openssl pkeyutl -verify -pubin -inkey</c>.
/// </summary>
public sealed class AuditKey
{
    // The DER of both forms is fixed but for the 32 key bytes at the end (RFC 8410).
    private static readonly byte[] Pkcs8Prefix = Convert.FromHexString("302e020100300506032b657004220420");
    private static readonly byte[] SpkiPrefix = Convert.FromHexString("302a300506032b6570032100");

    private readonly byte[]? _private;

    private AuditKey(byte[]? privateKey, byte[] publicKey)
    {
        _private = privateKey;
        PublicKey = publicKey;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(PublicKeyDer))[..16];
    }

    public byte[] PublicKey { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key's DER: which key signed a checkpoint.</summary>
    public string Fingerprint { get; }

    private byte[] PublicKeyDer => [.. SpkiPrefix, .. PublicKey];

    public static AuditKey Generate() => FromPrivate(RandomNumberGenerator.GetBytes(Ed25519.SecretKeySize));

    private static AuditKey FromPrivate(byte[] secret)
    {
        var pub = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(secret, 0, pub, 0);
        return new AuditKey(secret, pub);
    }

    public string PrivatePem => _private is null ? throw new InvalidOperationException("a public key only")
        : PemEncoding.WriteString("PRIVATE KEY", [.. Pkcs8Prefix, .. _private]) + "\n";

    public string PublicPem => PemEncoding.WriteString("PUBLIC KEY", PublicKeyDer) + "\n";

    /// <summary>Reads either PEM; <paramref name="source"/> names the file in the error.</summary>
    public static AuditKey ReadPem(string pem, string source)
    {
        try
        {
            var fields = PemEncoding.Find(pem);
            var label = pem[fields.Label];
            var der = Convert.FromBase64String(pem[fields.Base64Data]);
            return (label, der.Length) switch
            {
                ("PRIVATE KEY", 48) when der.AsSpan(0, 16).SequenceEqual(Pkcs8Prefix) => FromPrivate(der[16..]),
                ("PUBLIC KEY", 44) when der.AsSpan(0, 12).SequenceEqual(SpkiPrefix) => new AuditKey(null, der[12..]),
                _ => throw new FormatException($"a {label} that is not an Ed25519 key"),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FormatException($"{source}: not an Ed25519 key in PEM ({e.Message})");
        }
    }

    public byte[] Sign(string text)
    {
        if (_private is null)
            throw new InvalidOperationException("a public key cannot sign");
        var message = Encoding.UTF8.GetBytes(text);
        var signature = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_private, 0, message, 0, message.Length, signature, 0);
        return signature;
    }

    public bool Verify(string text, string base64Signature)
    {
        var signature = new byte[Ed25519.SignatureSize];
        if (!Convert.TryFromBase64String(base64Signature, signature, out var length) || length != signature.Length)
            return false;
        var message = Encoding.UTF8.GetBytes(text);
        return Ed25519.Verify(signature, 0, PublicKey, 0, message, 0, message.Length);
    }
}
