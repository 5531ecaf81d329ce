using System.Collections.Concurrent;
using Greenlight.Core.Audit;
using Greenlight.Core.Secrets;

namespace Greenlight.Engine.Audit;

/// <summary>
/// The checkpoint signing key of a state directory: <c>audit-key.pem</c> (PKCS#8, owner-only), created on first use,
/// and its public half <c>audit-key.pub.pem</c> beside it for whoever verifies.
/// </summary>
public static class AuditKeys
{
    public const string PrivateFile = "audit-key.pem";
    public const string PublicFile = "audit-key.pub.pem";

    private static readonly ConcurrentDictionary<string, Lazy<AuditKey>> Loaded = new(StringComparer.Ordinal);

    public static AuditKey LoadOrCreate(string stateDirectory) =>
        Loaded.GetOrAdd(Path.GetFullPath(stateDirectory), dir => new Lazy<AuditKey>(() => ReadOrCreate(dir))).Value;

    /// <summary>The public key to verify with, from a state directory or an export; null when there is none.</summary>
    public static AuditKey? ReadPublic(string directory)
    {
        var path = Path.Combine(directory, PublicFile);
        return File.Exists(path) ? AuditKey.ReadPem(File.ReadAllText(path), path) : null;
    }

    private static AuditKey ReadOrCreate(string dir)
    {
        OwnerOnly.CreateDirectory(dir);
        var path = Path.Combine(dir, PrivateFile);
        AuditKey key;
        try
        {
            key = AuditKey.Generate();
            // CreateNew: of two processes starting at once, one writes the key and the other reads it.
            using (var writer = new StreamWriter(OwnerOnly.Open(path, FileMode.CreateNew, FileAccess.Write)))
                writer.Write(key.PrivatePem);
        }
        catch (IOException) when (File.Exists(path))
        {
            OwnerOnly.Tighten(path);
            key = AuditKey.ReadPem(File.ReadAllText(path), path);
        }
        var pub = Path.Combine(dir, PublicFile);
        if (!File.Exists(pub) || File.ReadAllText(pub) != key.PublicPem)
            OwnerOnly.WriteAllText(pub, key.PublicPem); // public, but everything under .greenlight/ is owner-only
        return key;
    }
}
