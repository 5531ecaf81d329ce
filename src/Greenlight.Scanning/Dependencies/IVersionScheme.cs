namespace Greenlight.Scanning.Dependencies;

/// <summary>Version ordering of one ecosystem; OSV ranges mean nothing without it.</summary>
internal interface IVersionScheme
{
    string Ecosystem { get; }

    /// <summary>Compares two versions; false when either does not parse, so callers skip rather than guess.</summary>
    bool TryCompare(string left, string right, out int result);

    /// <summary>Package ids: NuGet ignores case, npm does not.</summary>
    StringComparer NameComparer { get; }
}
