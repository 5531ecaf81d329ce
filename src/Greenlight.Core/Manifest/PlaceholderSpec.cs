namespace Greenlight.Core.Manifest;

/// <summary>Flyway's placeholder settings: values by name, the text around a name, and whether to replace at all.</summary>
public sealed record PlaceholderSpec(IReadOnlyDictionary<string, string> Values, string Prefix, string Suffix, bool Replace)
{
    public static readonly PlaceholderSpec Default = new(new Dictionary<string, string>(), "${", "}", true);

    public bool Equals(PlaceholderSpec? other) =>
        other is not null && Prefix == other.Prefix && Suffix == other.Suffix && Replace == other.Replace
        && Values.Count == other.Values.Count && Values.All(v => other.Values.TryGetValue(v.Key, out var o) && o == v.Value);

    public override int GetHashCode() => HashCode.Combine(Prefix, Suffix, Replace, Values.Count);
}
