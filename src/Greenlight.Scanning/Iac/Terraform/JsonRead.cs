using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>
/// Lenient accessors: in a plan an unknown ("known after apply") value is simply absent, so a missing or
/// differently typed attribute reads as "not set" instead of failing the scan.
/// </summary>
internal static class JsonRead
{
    public static JsonElement? Property(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : null;

    public static string? String(this JsonElement e, string name) =>
        e.Property(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static int? Int(this JsonElement e, string name) =>
        e.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n) ? n : null;

    public static bool IsTrue(this JsonElement e, string name) => e.Property(name)?.ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Property(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static IEnumerable<string> Strings(this JsonElement e, string name) =>
        e.Items(name).Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!);
}
