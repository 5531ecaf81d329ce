namespace Greenlight.Scanning.Iac;

/// <summary>Ordered so a gate can compare: a pipeline fails on findings at or above its threshold.</summary>
public enum IacSeverity
{
    Low,
    Medium,
    High,
    Critical,
}
