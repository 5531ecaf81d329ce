using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>What the router last applied to one app's HAProxy, kept in the app's directory so a restarted controller adopts it.</summary>
internal sealed record HaproxyAppState(AppRoute Route, int AdminPort, IReadOnlyList<HaproxySlot> Slots)
{
    private static readonly JsonSerializerOptions Options = new(EdgeJson.Options) { Converters = { new EndPointConverter() } };

    /// <summary>The parts of a route that live in the configuration file: a change to one of them needs a reload.</summary>
    public static string Shape(AppRoute route) =>
        string.Join('\n', [route.Listen, route.Sticky?.Cookie ?? "", .. MatchKeys(route)]);

    /// <summary>Distinct header ("h:") and cookie ("c:") names the tester routes read, one runtime map each.</summary>
    public static IReadOnlyList<string> MatchKeys(AppRoute route) =>
        (route.Matches ?? []).Select(Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static string Key(MatchRoute match) => match.Header is { } header ? "h:" + header : "c:" + match.Cookie;

    public static HaproxyAppState? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<HaproxyAppState>(File.ReadAllBytes(path), Options);
        }
        catch (JsonException e)
        {
            throw new HaproxyException($"{path}: unreadable haproxy router state ({e.Message})", e);
        }
    }

    public void Write(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, Options));
        File.Move(temp, path, overwrite: true);
    }

    private sealed class EndPointConverter : JsonConverter<IPEndPoint>
    {
        public override IPEndPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IPEndPoint.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, IPEndPoint value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
