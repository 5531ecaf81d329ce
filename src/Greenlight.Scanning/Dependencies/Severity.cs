namespace Greenlight.Scanning.Dependencies;

/// <summary>OSV / GitHub advisory severity levels, ordered so a gate can compare them.</summary>
public enum Severity
{
    // Unknown sorts lowest: a record without any severity must not silently fail a strict gate,
    // but a gate set to Unknown fails on everything.
    Unknown = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
    Critical = 4,
}
