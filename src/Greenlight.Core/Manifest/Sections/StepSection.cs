using Greenlight.Core.Checks;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class StepSection
{
    /// <param name="captured">Variables captured by the earlier steps of the same check; this step adds its own.</param>
    public static CheckStep? Read(NodeReader r, int index, List<string> captured)
    {
        var known = captured.ToList();
        var expected = known.Count == 0
            ? "no ${...} placeholder: no earlier step of this check captures a variable"
            : "only variables captured by an earlier step of this check: " + string.Join(", ", known);

        var name = r.Optional("name", Scalars.NonEmptyText, $"step {index + 1}");
        var method = r.Optional("method", ManifestValues.HttpMethod, "GET");
        var path = r.Required("path", ManifestValues.UrlPath.UsingOnly(known, expected));
        var headers = r.StringMap("headers", ManifestValues.HeaderName, Scalars.Text.UsingOnly(known, expected));
        var body = r.Optional("body", Scalars.Text.UsingOnly(known, expected));
        var expect = r.Map("expect", ReadExpectation);
        var capture = r.StringMap("capture", ManifestValues.VariableName, ManifestValues.JsonPathText);
        captured.AddRange(capture.Keys);
        return path is null || expect is null ? null : new CheckStep(name, method, path, headers, body, expect, capture);
    }

    private static StepExpectation ReadExpectation(NodeReader r) => new(
        r.Optional("status", ManifestValues.StatusCode, 200),
        r.Optional("bodyContains", Scalars.NonEmptyText),
        r.StringMap("json", ManifestValues.JsonPathText, Scalars.Text),
        r.ScalarList("jsonExists", ManifestValues.JsonPathText));
}
