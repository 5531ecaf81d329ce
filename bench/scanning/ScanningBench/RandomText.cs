namespace ScanningBench;

internal static class RandomText
{
    public static string Chars(this Random rng, string alphabet, int length) =>
        string.Create(length, (alphabet, rng), (span, s) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = s.alphabet[s.rng.Next(s.alphabet.Length)];
        });
}
