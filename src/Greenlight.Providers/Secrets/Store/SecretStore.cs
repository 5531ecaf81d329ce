using System.Diagnostics;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Store;

/// <summary>
/// Greenlight's local secret store: one file in the state directory (<see cref="FileName"/>), each value sealed with
/// AES-256-GCM under a key from <see cref="KeyVariable"/> or the owner-only <see cref="KeyFileName"/>. Every path has
/// a version that each new value raises. Writers (the CLI) take a lock and replace the file atomically; readers (a
/// controller starting a revision) read it whole without one, so they never wait and never see half a write.
/// </summary>
public sealed class SecretStore
{
    public const string FileName = "secrets.json";
    public const string KeyFileName = "secrets.key";
    public const string KeyVariable = "GREENLIGHT_SECRETS_KEY";

    /// <summary>Writes are a few milliseconds; a lock held this long means a stuck command, which is said.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _environment;

    /// <param name="environment">Where <see cref="KeyVariable"/> is read; the process's environment by default.</param>
    public SecretStore(string stateDirectory, TimeProvider time, Func<string, string?>? environment = null)
    {
        _directory = Path.GetFullPath(stateDirectory);
        _time = time;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    public string FilePath => Path.Combine(_directory, FileName);

    public string KeyPath => Path.Combine(_directory, KeyFileName);

    private string LockPath => Path.Combine(_directory, "secrets.lock");

    /// <summary>Every path with its version, no value: needs no key.</summary>
    public IReadOnlyList<StoredSecret> List() =>
        [.. StoreDocument.Read(FilePath).Secrets.Where(s => !s.Value.IsRemoved).Select(s => new StoredSecret(s.Key, s.Value.Version, s.Value.UpdatedAt))];

    /// <summary>The current value of <paramref name="path"/> and its version.</summary>
    public SecretValue Get(string path)
    {
        var document = StoreDocument.Read(FilePath);
        if (!document.Secrets.TryGetValue(path, out var entry) || entry.IsRemoved)
            throw new SecretStoreException($"{path} is not in the secret store {FilePath}; set it with `greenlight secrets set {path}`");
        var key = StoreKey.Load(KeyPath, _environment)
            ?? throw new SecretStoreException($"no key to open the secret store {FilePath}: neither {KeyVariable} nor the key file {KeyPath} is there");
        Verify(document, key);
        return new SecretValue(StoreCipher.Open(key, path, entry), entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Stores <paramref name="value"/> as the next version of <paramref name="path"/>; the same value as the
    /// current one adds no version. A rotation refuses a path that is not set, and a value that is not new.</summary>
    public StoreChange Set(string path, string value, bool rotate = false)
    {
        Check(path);
        if (value.Length == 0)
            throw new SecretStoreException("the value is empty: a secret needs at least one character");
        if (value.Length > SecretValue.MaxLength)
            throw new SecretStoreException($"the value has {value.Length} characters, more than {SecretValue.MaxLength}, the most a secret may hold");
        using var _ = Lock();
        var document = StoreDocument.Read(FilePath);
        var key = StoreKey.LoadOrCreate(KeyPath, _environment);
        Verify(document, key);
        var current = document.Secrets.GetValueOrDefault(path);
        if (rotate && current is null or { IsRemoved: true })
            throw new SecretStoreException($"{path} is not in the secret store, so there is nothing to rotate; set it with `greenlight secrets set {path}`");
        if (current is { IsRemoved: false } && StoreCipher.Open(key, path, current) == value)
        {
            return rotate
                ? throw new SecretStoreException($"the value is the one version {current.Version} of {path} already holds: a rotation needs a new value")
                : new StoreChange(new StoredSecret(path, current.Version, current.UpdatedAt), current.Version);
        }
        var entry = StoreCipher.Seal(key, path, (current?.Version ?? 0) + 1, value, _time.GetUtcNow());
        document.Secrets[path] = entry;
        (document with { KeyCheck = key.Check() }).Write(FilePath);
        return new StoreChange(new StoredSecret(path, entry.Version, entry.UpdatedAt), current is { IsRemoved: false } ? current.Version : null);
    }

    /// <summary>Removes the value of <paramref name="path"/>; returns what it was, null when it was not there. Needs no key.</summary>
    public StoredSecret? Remove(string path)
    {
        Check(path);
        using var _ = Lock();
        var document = StoreDocument.Read(FilePath);
        if (!document.Secrets.TryGetValue(path, out var current) || current.IsRemoved)
            return null;
        document.Secrets[path] = new StoreEntry(current.Version, _time.GetUtcNow(), null, null, null);
        document.Write(FilePath);
        return new StoredSecret(path, current.Version, current.UpdatedAt);
    }

    private static void Check(string path)
    {
        if (!SecretReference.IsStorePath(path))
            throw new SecretStoreException($"\"{path}\" is not a store path: expected {SecretReference.StorePathRule}");
    }

    /// <summary>A wrong key is told apart from damage, and never seals a value beside others it cannot open.</summary>
    private void Verify(StoreDocument document, StoreKey key)
    {
        if (document.KeyCheck is { } check && check != key.Check())
            throw new SecretStoreException($"the key from {key.Source} is not the key the secret store {FilePath} was written with");
    }

    /// <summary>One writer at a time across processes: an exclusive flock, which the kernel drops if its holder dies.</summary>
    private FileStream Lock()
    {
        OwnerOnly.CreateDirectory(_directory);
        // Real time, whatever the TimeProvider: the wait is for another process.
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return OwnerOnly.Open(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < LockWait)
            {
                Thread.Sleep(50);
            }
            catch (IOException e)
            {
                throw new SecretStoreException($"the secret store {FilePath} stayed locked by another greenlight command for {LockWait.TotalSeconds:0}s", e);
            }
        }
    }
}
