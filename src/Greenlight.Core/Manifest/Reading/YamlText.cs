using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Manifest.Reading;

/// <summary>How YAML nodes are recognised and shown in error messages.</summary>
internal static class YamlText
{
    /// <summary>YAML's spellings of "nothing": an empty value, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => Quote(scalar.Value ?? ""),
        _ => "an unsupported node",
    };

    /// <summary>Quoted and cut short: a message names the value, it does not reprint it.</summary>
    public static string Quote(string text)
    {
        const int Max = 60;
        var shown = text.Length > Max ? text[..Max] + "…" : text;
        return "\"" + shown.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
    }
}
