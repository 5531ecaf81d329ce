using Microsoft.Extensions.FileSystemGlobbing;

namespace Greenlight.Engine.Pipeline.TestReports;

/// <summary>The result files a step wrote: those matching its globs and written since it started.</summary>
internal static class ResultFiles
{
    public static IReadOnlyList<string> Find(string directory, IReadOnlyList<string> globs, DateTime startedUtc)
    {
        var matcher = new Matcher();
        matcher.AddIncludePatterns(globs);
        // Files left by an earlier run would report that run's tests; file times may be kept to the second.
        var since = startedUtc.AddTicks(-(startedUtc.Ticks % TimeSpan.TicksPerSecond));
        return matcher.GetResultsInFullPath(directory)
            .Where(f => File.GetLastWriteTimeUtc(f) >= since)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
