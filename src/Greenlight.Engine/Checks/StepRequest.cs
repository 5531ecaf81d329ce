using System.Text;
using Greenlight.Core.Checks;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Checks;

/// <summary>Builds a step's HTTP request, with the variables captured by earlier steps filled in.</summary>
internal static class StepRequest
{
    public static HttpRequestMessage Create(CheckStep step, Uri baseAddress, IReadOnlyDictionary<string, string> variables)
    {
        // A captured value lands in one path segment, whatever characters it holds.
        var path = Placeholders.Expand(step.Path, name => variables.TryGetValue(name, out var value) ? Uri.EscapeDataString(value) : null);
        var request = new HttpRequestMessage(new HttpMethod(step.Method), new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + path));
        if (step.Body is not null)
        {
            request.Content = new StringContent(Expand(step.Body, variables), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in step.Headers)
        {
            var text = Expand(value, variables);
            if (!request.Headers.TryAddWithoutValidation(name, text) && request.Content is { } content)
            {
                // Content-Type and friends belong to the content and replace its defaults.
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        return request;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Placeholders.Expand(text, name => variables.GetValueOrDefault(name));
}
