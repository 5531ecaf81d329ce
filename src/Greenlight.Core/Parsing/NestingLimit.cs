namespace Greenlight.Core.Parsing;

/// <summary>
/// How deeply the lists, mappings and elements of a user's file may nest. YamlDotNet's representation model recurses
/// once per level, and a stack overflow ends the process whatever catches it: 100 KB of <c>[</c> killed the
/// controller. Real manifests nest fewer than 15 levels; the rest is room for deep Kubernetes CRD schemas.
/// </summary>
public static class NestingLimit
{
    public const int MaxDepth = 256;

    public static string Expected => $"at most {MaxDepth} levels of nesting";
}
