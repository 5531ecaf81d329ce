namespace Greenlight.Core.Parsing;

/// <summary>
/// How deeply lists, mappings and elements of a user's file may nest. The parsers that build a tree (YamlDotNet's
/// representation model, LINQ to XML's text accessors) recurse once per level, and a stack overflow ends the
/// process whatever catches it: 100 KB of <c>[</c> would kill the controller. Real files stay under 30 levels, and
/// Kubernetes CRD schemas, the deepest we know, under 100.
/// </summary>
public static class NestingLimit
{
    public const int MaxDepth = 256;

    public static string Expected => $"at most {MaxDepth} levels of nesting";
}
