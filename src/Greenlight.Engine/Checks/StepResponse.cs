using System.Text.Json;
using Greenlight.Core.Checks;

namespace Greenlight.Engine.Checks;

/// <summary>Holds a response against a step's expectations, then stores what the step captures.</summary>
internal static class StepResponse
{
    /// <returns>Null when every expectation is met (captures are then in <paramref name="variables"/>), else why not.</returns>
    public static string? Verify(CheckStep step, int status, string body, IDictionary<string, string> variables)
    {
        var expect = step.Expect;
        if (status != expect.Status)
        {
            return $"expected status {expect.Status}, got {status}{FailureText.Excerpt(body)}";
        }

        if (expect.BodyContains is { } needle && !body.Contains(needle, StringComparison.Ordinal))
        {
            return $"body did not contain \"{needle}\"{FailureText.Excerpt(body)}";
        }

        if (expect.Json.Count == 0 && expect.JsonExists.Count == 0 && step.Capture.Count == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return VerifyJson(step, document.RootElement, variables);
        }
        catch (JsonException)
        {
            return $"response is not JSON{FailureText.Excerpt(body)}";
        }
    }

    private static string? VerifyJson(CheckStep step, JsonElement root, IDictionary<string, string> variables)
    {
        foreach (var (path, expected) in step.Expect.Json)
        {
            if (Select(root, path) is not { } actual)
            {
                return $"{path} missing";
            }

            if (actual != expected)
            {
                return $"{path} was \"{FailureText.Clip(actual)}\", expected \"{expected}\"";
            }
        }

        if (step.Expect.JsonExists.FirstOrDefault(path => Select(root, path) is null) is { } absent)
        {
            return $"{absent} missing";
        }

        foreach (var (name, path) in step.Capture)
        {
            if (Select(root, path) is not { } value)
            {
                return $"cannot capture {name}: {path} missing";
            }

            variables[name] = value;
        }

        return null;
    }

    private static string? Select(JsonElement root, string path) =>
        JsonPath.Parse(path).TrySelect(root, out var value) ? JsonPath.TextOf(value) : null;
}
