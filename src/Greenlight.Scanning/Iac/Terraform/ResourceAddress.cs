using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>Maps instance addresses and expression references onto the resource blocks of the configuration.</summary>
internal static class ResourceAddress
{
    // Instance keys: [0] or ["key"], where a quoted key may itself hold ']' or '.'.
    private static readonly Regex InstanceKey = new(@"\[(?:""(?:[^""\\]|\\.)*""|[^\]""])*\]", RegexOptions.CultureInvariant);

    public static string WithoutInstanceKeys(string address) => InstanceKey.Replace(address, "");

    public static string InModule(string modulePath, string relative) =>
        modulePath.Length == 0 ? relative : $"{modulePath}.{relative}";

    /// <summary>
    /// The block a reference such as <c>aws_s3_bucket.logs.id</c> or <c>aws_s3_bucket.logs[count.index]</c>
    /// points at when it is of <paramref name="type"/>; references are relative to the module they are written in.
    /// </summary>
    public static string? Target(string modulePath, string reference, string type)
    {
        if (!reference.StartsWith(type + ".", StringComparison.Ordinal)) return null;
        var name = reference[(type.Length + 1)..];
        var end = name.IndexOfAny(['.', '[']);
        return InModule(modulePath, $"{type}.{(end < 0 ? name : name[..end])}");
    }
}
