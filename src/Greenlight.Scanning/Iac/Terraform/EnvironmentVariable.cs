using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>A literal environment variable a resource hands to its runtime: Lambda variables, ECS container environment.</summary>
internal sealed record EnvironmentVariable(string Path, string Name, string Value)
{
    public static IEnumerable<EnvironmentVariable> Of(PlanResource resource) => resource.Type switch
    {
        "aws_lambda_function" => resource.Values.Items("environment").SelectMany(Lambda),
        "aws_ecs_task_definition" => Ecs(resource),
        _ => [],
    };

    private static IEnumerable<EnvironmentVariable> Lambda(JsonElement environment, int i) =>
        environment.Property("variables") is { ValueKind: JsonValueKind.Object } variables
            ? variables.EnumerateObject()
                .Where(v => v.Value.ValueKind == JsonValueKind.String)
                .Select(v => new EnvironmentVariable($"environment[{i}].variables.{v.Name}", v.Name, v.Value.GetString()!))
            : [];

    // container_definitions is a JSON document inside a string attribute, which terraform validates before planning.
    private static IEnumerable<EnvironmentVariable> Ecs(PlanResource resource)
    {
        if (resource.Values.String("container_definitions") is not { } definitions) return [];
        JsonElement containers;
        try
        {
            using var document = JsonDocument.Parse(definitions);
            containers = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{resource.Address}: container_definitions is not valid JSON: {e.Message}", e);
        }
        return containers.ValueKind != JsonValueKind.Array ? [] : containers.EnumerateArray()
            .SelectMany((container, c) => container.Items("environment").Select((variable, v) =>
                (Path: $"container_definitions[{c}].environment[{v}]", Name: variable.String("name"), Value: variable.String("value"))))
            .Where(e => e.Name is not null && e.Value is not null)
            .Select(e => new EnvironmentVariable(e.Path, e.Name!, e.Value!));
    }
}
