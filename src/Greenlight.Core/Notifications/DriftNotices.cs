using Greenlight.Core.Drift;

namespace Greenlight.Core.Notifications;

/// <summary>The notice of drift first found: told once per finding, however many checks find it again while it lasts.</summary>
public static class DriftNotices
{
    /// <param name="environment">The environment and region of the lane it was found in; null for an app without environments.</param>
    public static Notice Found(string app, (string Environment, string Region)? where, DriftFinding finding, DateTimeOffset at)
    {
        var place = where is { } w ? $" in {w.Environment}/{w.Region}" : "";
        return new Notice(
            ReleaseNotices.IdOf($"{app}/{where?.Environment}/{where?.Region}/{finding.Since:O}", NotificationKind.DriftDetected, where?.Environment, finding.Key),
            NotificationKind.DriftDetected, app, null, finding.Revision, where?.Environment, $"{app}: drift{place}: {finding.Describe()}",
            [.. new (string, string?)[] { ("kind", finding.Kind.ToString()), ("region", where?.Region), ("expected", finding.Expected), ("found", finding.Found), ("repair", finding.Repair) }
                .Where(f => f.Item2 is not null).Select(f => KeyValuePair.Create(f.Item1, f.Item2!))],
            at);
    }
}
