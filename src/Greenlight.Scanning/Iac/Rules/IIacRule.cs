namespace Greenlight.Scanning.Iac.Rules;

/// <summary>
/// One policy, keyed by its id. A rule only says where a resource violates it; which files are read, which
/// findings are accepted and how findings are located is decided once, by the checkers and the scanner.
/// </summary>
internal interface IIacRule
{
    string Id { get; }

    string Title { get; }

    IacSeverity Severity { get; }
}
