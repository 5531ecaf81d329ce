namespace Greenlight.Scanning.Iac;

public sealed class IacScanOptions
{
    /// <summary>
    /// Remote shells, databases, caches, search and container daemons: the services scanned for and exploited
    /// within minutes of being reachable from the internet.
    /// </summary>
    public static IReadOnlySet<int> DefaultSensitivePorts { get; } = new HashSet<int>
    {
        22, 3389, 3306, 5432, 1433, 1521, 6379, 27017, 9200, 5601, 11211, 2375, 2376,
    };

    /// <summary>Accepted findings (from the pipeline's <c>check: iac</c> step, <c>skip:</c> entries).</summary>
    public IReadOnlyList<IacSkip> Skips { get; init; } = [];

    public IReadOnlySet<int> SensitivePorts { get; init; } = DefaultSensitivePorts;
}
