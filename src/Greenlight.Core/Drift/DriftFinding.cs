using System.Text.Json.Serialization;

namespace Greenlight.Core.Drift;

/// <summary>
/// One way what runs differs from what the controller released. <paramref name="Expected"/> and <paramref name="Found"/>
/// say it in words, digests shortened, never a value of the environment or of a secret.
/// </summary>
/// <param name="Revision">The revision it is about; null for the app's route.</param>
/// <param name="Since">When a check first found it (kept from one check to the next while it lasts).</param>
public sealed record DriftFinding(DriftKind Kind, string? Revision, string Expected, string Found, DateTimeOffset Since)
{
    /// <summary>What the controller did about it, when it did something: the route put back, a repair started.</summary>
    public string? Repair { get; init; }

    /// <summary>The repair already put it back: it no longer drifts.</summary>
    public bool Healed { get; init; }

    /// <summary>The same drift from one check to the next: its kind and revision.</summary>
    [JsonIgnore]
    public string Key => $"{Kind}:{Revision}";

    /// <summary>What drifted, without the details: "revision 2.0 is not running".</summary>
    [JsonIgnore]
    public string Subject => Kind switch
    {
        DriftKind.RevisionDied => $"revision {Revision} is not running",
        DriftKind.RevisionReplaced => $"revision {Revision} was replaced by another process",
        DriftKind.FilesChanged => $"files of revision {Revision} changed on disk",
        DriftKind.RouteChanged => "the edge's route changed",
        DriftKind.SecretRotated => $"a secret of revision {Revision} was rotated",
        DriftKind.UnpromotedVersion => $"revision {Revision} serves without having passed the environment before",
        _ => Kind.ToString(),
    };

    /// <summary>One line for events and logs, with what was done about it.</summary>
    public string Describe() => $"{Subject}: expected {Expected}, found {Found}{(Repair is null ? "" : $"; {Repair}")}";
}
