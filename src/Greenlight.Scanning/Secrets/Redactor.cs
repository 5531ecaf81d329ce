using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Findings end up in terminals, logs and release records, so the secret itself must never leave the scanner:
/// at most four leading characters survive (fewer for short secrets, so most of it stays hidden).
/// </summary>
internal static class Redactor
{
    public const string Mask = "****";
    private const int MaxExcerpt = 160;

    public static string Redact(string secret)
    {
        var keep = Math.Min(4, secret.Length / 4);
        return string.Concat(secret.AsSpan(0, keep), Mask);
    }

    /// <summary>
    /// The line with each secret span (start in line, length) replaced by its redaction, trimmed and shortened.
    /// A span may run past the line end (a multi-line private key): the rest of the line is then masked.
    /// </summary>
    public static string Excerpt(string line, IEnumerable<(int Start, int Length)> spans)
    {
        var sb = new StringBuilder();
        var pos = 0;
        foreach (var (start, length) in spans.OrderBy(s => s.Start))
        {
            var end = Math.Min(line.Length, start + length);
            if (end <= pos) continue; // inside a span already masked
            var from = Math.Max(start, pos);
            sb.Append(line, pos, from - pos).Append(Redact(line[from..end]));
            pos = end;
        }
        sb.Append(line, pos, line.Length - pos);
        var excerpt = sb.ToString().Trim();
        return excerpt.Length <= MaxExcerpt ? excerpt : string.Concat(excerpt.AsSpan(0, MaxExcerpt), "…");
    }
}
