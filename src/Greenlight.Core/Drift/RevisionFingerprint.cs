namespace Greenlight.Core.Drift;

/// <summary>
/// What a revision was when it started, for drift to compare with later. Holds no value of its environment: each
/// variable's value only as an HMAC-SHA256 under a key of the state directory, so equal values can be recognised
/// without being readable from the record.
/// </summary>
/// <param name="ManifestDigest">The manifest snapshot it was released with.</param>
/// <param name="Files">What it runs: its working directory and its command (see docs/cli.md, "greenlight drift").</param>
/// <param name="Environment">Each variable it was given, by name, with the keyed hash of its value (32 hex digits).</param>
/// <param name="RouteDigest">The route the controller had last set for the app when it started, if any.</param>
/// <param name="Secrets">The version of each secret it was started with, by name; empty when it uses none.</param>
public sealed record RevisionFingerprint(
    string App,
    string Revision,
    string? ManifestDigest,
    FileSet Files,
    IReadOnlyDictionary<string, string> Environment,
    string? RouteDigest,
    IReadOnlyDictionary<string, string> Secrets,
    DateTimeOffset TakenAt);
