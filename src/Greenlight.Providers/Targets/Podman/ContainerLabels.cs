using System.Globalization;
using System.Text.RegularExpressions;
using Greenlight.Core.Targets;

namespace Greenlight.Providers.Targets.Podman;

/// <summary>The labels every revision's container carries: a controller that restarts (or that never recorded a start)
/// finds its containers by them, and operators can list them with <c>podman ps --filter label=greenlight.app=shop</c>.</summary>
internal static partial class ContainerLabels
{
    public const string App = "greenlight.app";
    public const string Version = "greenlight.version";
    public const string Instance = "greenlight.instance";
    public const string Launch = "greenlight.launch";

    public static IEnumerable<string> Of(RevisionSpec spec)
    {
        yield return $"{App}={spec.App}";
        yield return $"{Version}={spec.Version}";
        yield return $"{Instance}={spec.Instance.ToString(CultureInfo.InvariantCulture)}";
        if (spec.LaunchId is { } launch)
            yield return $"{Launch}={launch}";
    }

    /// <summary>The filter that finds the handle's containers: its launch when it has one, else its app, version and instance.</summary>
    public static IEnumerable<string> Filter(RevisionHandle handle) => handle.LaunchId is { } launch
        ? [$"label={Launch}={launch}"]
        : [$"label={App}={handle.App}", $"label={Version}={handle.Version}", $"label={Instance}={handle.Instance.ToString(CultureInfo.InvariantCulture)}"];

    /// <summary>A readable, unique container name: gl-shop-2.0-0-1a2b3c4d (characters podman refuses become '_').</summary>
    public static string NameOf(RevisionSpec spec)
    {
        var launch = spec.LaunchId ?? Guid.NewGuid().ToString("N");
        return Refused().Replace($"gl-{spec.App}-{spec.Version}-{spec.Instance}-{launch[..Math.Min(8, launch.Length)]}", "_");
    }

    [GeneratedRegex("[^a-zA-Z0-9_.-]")]
    private static partial Regex Refused();
}
