using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Core.Parsing;

/// <summary>Loads YAML into the representation model, refusing nesting past <see cref="NestingLimit.MaxDepth"/>.</summary>
public static class YamlNesting
{
    /// <exception cref="YamlNestingException">A list or mapping is nested too deeply.</exception>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static YamlStream Load(string yaml)
    {
        var stream = new YamlStream();
        // The check sits between the parser (a loop) and the loader (a recursion), so it fires before the loader is deep.
        stream.Load(new DepthCheckingParser(new Parser(new StringReader(yaml))));
        return stream;
    }

    private sealed class DepthCheckingParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            _depth += inner.Current switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
            if (_depth > NestingLimit.MaxDepth)
                throw new YamlNestingException(inner.Current!.Start, inner.Current.End, inner.Current is MappingStart ? "a mapping" : "a list");
            return true;
        }
    }
}
