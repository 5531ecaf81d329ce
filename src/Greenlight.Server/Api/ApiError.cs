namespace Greenlight.Server.Api;

/// <summary>Every refusal of the API: what was wrong and what is expected, and the fields at fault when there are any.</summary>
public sealed record ApiError(
    string Error,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<ApiFieldError>? Errors = null);

/// <param name="Field">A query parameter, a body field (e.g. <c>hotfix</c>), or <c>body</c> for the whole body.</param>
public sealed record ApiFieldError(string Field, string Reason);
