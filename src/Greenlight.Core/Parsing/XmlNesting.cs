using System.Xml;
using System.Xml.Linq;

namespace Greenlight.Core.Parsing;

/// <summary>Loads an XML file, refusing elements nested past <see cref="NestingLimit.MaxDepth"/>.</summary>
public static class XmlNesting
{
    // What XDocument.Load(path) uses, so that the check and the load read the same document.
    private static readonly XmlReaderSettings Settings =
        new() { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 10_000_000, IgnoreWhitespace = true };

    /// <exception cref="XmlException">The file is not well-formed XML, or nests too deeply; with its line and position.</exception>
    public static XDocument Load(string path)
    {
        // The forward-only reader keeps no stack to overflow; a tree 50,000 elements deep took half a minute to load and walk.
        using (var check = XmlReader.Create(path, Settings))
        {
            while (check.Read())
            {
                if (check.NodeType == XmlNodeType.Element && check.Depth >= NestingLimit.MaxDepth)
                {
                    var at = (IXmlLineInfo)check;
                    throw new XmlException(
                        $"an element nested more than {NestingLimit.MaxDepth} levels deep, expected {NestingLimit.Expected}", null, at.LineNumber, at.LinePosition);
                }
            }
        }
        using var reader = XmlReader.Create(path, Settings);
        return XDocument.Load(reader);
    }
}
