namespace Greenlight.Scanning.Dependencies;

/// <summary>The parts of an osv.dev record the scanner needs; everything else is dropped at load.</summary>
internal sealed record OsvRecord(
    string Id,
    IReadOnlyList<string> Aliases,
    string? Summary,
    Severity Severity,
    IReadOnlyList<OsvAffected> Affected);

internal sealed record OsvAffected(
    string Ecosystem,
    string Name,
    IReadOnlyList<OsvRange> Ranges,
    IReadOnlyList<string> Versions,
    Severity? Severity);

/// <summary>One range; events keep file order and are sorted only when evaluated.</summary>
internal sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);

internal enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

internal sealed record OsvEvent(OsvEventKind Kind, string Version);
