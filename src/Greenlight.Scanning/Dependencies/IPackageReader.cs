namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// Reads resolved packages from one kind of manifest. New ecosystems or formats plug in by adding
/// an implementation to <see cref="PackageReaders"/>; the scanner knows nothing else about them.
/// </summary>
internal interface IPackageReader
{
    string Ecosystem { get; }

    /// <summary>Whether this reader handles the file; may look at siblings (e.g. a lock file wins).</summary>
    bool CanRead(string path);

    IEnumerable<ResolvedPackage> Read(string path);
}
