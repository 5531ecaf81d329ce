namespace Greenlight.Core.Manifest.Reading;

internal delegate bool TryParse<T>(string text, out T value);

/// <summary>
/// A kind of scalar value: how to read it from text and what to tell the user when the text does not fit.
/// Rules added with <see cref="Where"/> keep their own description, so the error names the rule that failed.
/// </summary>
internal sealed class Scalar<T>
{
    private readonly Func<string, (bool Ok, T Value, string Expected)> parse;

    public Scalar(string expected, TryParse<T> tryParse)
        : this(expected, text => (tryParse(text, out var value), value, expected))
    {
    }

    private Scalar(string expected, Func<string, (bool, T, string)> parse)
    {
        Expected = expected;
        this.parse = parse;
    }

    /// <summary>What is expected when the value is missing altogether.</summary>
    public string Expected { get; }

    /// <returns>Null when <paramref name="text"/> fits, else what was expected instead.</returns>
    public string? Parse(string text, out T value)
    {
        (var ok, value, var expected) = parse(text);
        return ok ? null : expected;
    }

    public Scalar<T> Where(Func<T, bool> accept, string expected) => new(Expected, text =>
    {
        var result = parse(text);
        return result.Ok && !accept(result.Value) ? (false, result.Value, expected) : result;
    });

    /// <summary>The same rules, yielding what <paramref name="map"/> makes of an accepted value.</summary>
    public Scalar<TOut> Select<TOut>(Func<T, TOut> map) => new(Expected, text =>
    {
        var (ok, value, expected) = parse(text);
        return (ok, ok ? map(value) : default!, expected);
    });
}
