namespace Greenlight.Core.Checks;

/// <summary>A short user journey: requests in sequence, each with expectations and captures.</summary>
public sealed record SyntheticCheck(string Name, TimeSpan Timeout, IReadOnlyList<CheckStep> Steps);

/// <summary>
/// One HTTP request. <c>${name}</c> in path, header values and body is replaced by a value captured
/// earlier in the same check. <paramref name="Capture"/> maps a variable name to a JSON path of the response.
/// </summary>
public sealed record CheckStep(
    string Name,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    StepExpectation Expect,
    IReadOnlyDictionary<string, string> Capture);

/// <summary>
/// <paramref name="Json"/> maps a JSON path (<c>$.a.b[0]</c>) to the expected value as text;
/// <paramref name="JsonExists"/> lists paths that must be present.
/// </summary>
public sealed record StepExpectation(
    int Status,
    string? BodyContains,
    IReadOnlyDictionary<string, string> Json,
    IReadOnlyList<string> JsonExists);
