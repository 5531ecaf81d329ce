using YamlDotNet.Core;

namespace Greenlight.Core.Parsing;

/// <summary>A list or mapping nested deeper than <see cref="NestingLimit.MaxDepth"/>, located at the node that went too deep.</summary>
public sealed class YamlNestingException(Mark start, Mark end, string node)
    : YamlException(start, end, $"{node} nested more than {NestingLimit.MaxDepth} levels deep, expected {NestingLimit.Expected}")
{
    /// <summary>What was found, without what was expected: "a list nested more than 256 levels deep".</summary>
    public string Found { get; } = $"{node} nested more than {NestingLimit.MaxDepth} levels deep";
}
