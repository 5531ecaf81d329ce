using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Greenlight.Edge.Persistence;

/// <summary>The one JSON dialect of the edge, on disk and on the admin API: camelCase, strict about unknown keys.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // A misspelt key ("weigth") must be an error, not a silently defaulted weight.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A latency histogram's last bound is +Infinity, which plain JSON numbers cannot carry ("Infinity").
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.WriteIndented = true;
        // Read by people and programs, never embedded in HTML: keep quotes and non-ASCII legible.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
