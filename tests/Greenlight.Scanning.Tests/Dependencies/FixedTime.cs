namespace Greenlight.Scanning.Tests.Dependencies;

/// <summary>Fixed clock for expiry tests.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
