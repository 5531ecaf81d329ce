using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class ShannonEntropyTests
{
    [Theory]
    [InlineData("aaaa", 0.0)]
    [InlineData("abcd", 2.0)]
    [InlineData("aabb", 1.0)]
    [InlineData("\u00e9\u00e9\u00e8\u00e8", 1.0)]
    [InlineData("a\u00e9b\u00e8", 2.0)]
    public void Of_AsciiAndOtherText_BitsPerChar(string text, double bits)
    {
        Assert.Equal(bits, ShannonEntropy.Of(text), 9);
    }
}
