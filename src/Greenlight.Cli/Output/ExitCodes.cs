namespace Greenlight.Cli.Output;

/// <summary>Exit codes scripts can rely on; documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    /// <summary>Bad manifest, bad arguments, or a request the controller refused.</summary>
    public const int Rejected = 2;
    /// <summary>The release failed before any user saw it; the previous revision still serves.</summary>
    public const int Failed = 3;
    /// <summary>`greenlight drift`: what runs differs from what was released.</summary>
    public const int Drifted = 3;
    /// <summary>`greenlight audit verify`: the log was tampered with (the first bad entry is named).</summary>
    public const int Tampered = 3;
    /// <summary>The release reached users and was rolled back.</summary>
    public const int RolledBack = 4;
    /// <summary>No controller runs for this manifest.</summary>
    public const int NoController = 5;
}
