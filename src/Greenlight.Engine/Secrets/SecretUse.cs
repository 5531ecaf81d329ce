namespace Greenlight.Engine.Secrets;

/// <summary>One secret a revision started with: its variable, its reference and the version it had then. Never the
/// value: this is what is recorded, so that a rotation since the start can be told.</summary>
/// <param name="Version">Null when the source has no versions (<c>env:</c>).</param>
public sealed record SecretUse(string Name, string Reference, string? Version);
