using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Core.Rollouts;

namespace Greenlight.Providers.Kubernetes;

/// <summary>The names and labels Greenlight gives its objects in a cluster: derived from app and revision alone, so that a
/// controller that knows nothing else (restarted, or on another host) finds the same objects.</summary>
internal static partial class KubernetesNames
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Manager = "greenlight";

    /// <summary>Annotation holding the exact revision name, which label values cannot always spell ('@', '+').</summary>
    public const string RevisionAnnotation = "greenlight.dev/revision";

    /// <summary>The Deployment, Service and Secret of a revision: a DNS-1035 label (what a Service name must be). A revision
    /// name that does not fit as it is gets a hash of itself appended, so "2.4.1" and "2-4-1" never share objects.</summary>
    public static string Revision(string app, string revision)
    {
        var slug = NotName().Replace(revision.ToLowerInvariant(), "-").Trim('-');
        var name = $"{app}-{slug}";
        if (slug == revision && name.Length <= 63)
            return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(revision)))[..6];
        return $"{name[..Math.Min(name.Length, 63 - 7)].TrimEnd('-')}-{hash}";
    }

    /// <summary>app, version, release (the revision: a version, or version@digest for a config release) and managed-by.</summary>
    public static Dictionary<string, string> Labels(string app, string revision) => new(StringComparer.Ordinal)
    {
        ["app"] = app,
        ["version"] = LabelValue(RevisionNames.VersionOf(revision)),
        ["release"] = LabelValue(revision),
        [ManagedBy] = Manager,
    };

    /// <summary>Selects exactly the pods of one revision.</summary>
    public static Dictionary<string, string> Selector(string app, string revision) => new(StringComparer.Ordinal)
    {
        ["app"] = app, ["release"] = LabelValue(revision), [ManagedBy] = Manager,
    };

    public static bool IsOwned(IDictionary<string, string>? labels) => labels?.TryGetValue(ManagedBy, out var by) == true && by == Manager;

    // Label values: at most 63 of [A-Za-z0-9._-], starting and ending with a letter or digit.
    private static string LabelValue(string text)
    {
        var value = NotLabel().Replace(text, "_");
        return value[..Math.Min(value.Length, 63)].Trim('_', '-', '.');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotName();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotLabel();
}
