using System.Globalization;
using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>Commit whose patch a chunk came from.</summary>
internal sealed record CommitInfo(string Sha, DateTimeOffset AuthorDate);

/// <summary>
/// A run of consecutive lines a commit added to a file, starting at <paramref name="FirstLine"/> of that commit's
/// version; or, with <paramref name="AddedText"/> null, the news that the path itself appeared (added, renamed or
/// copied there), which is what path-only rules look at.
/// </summary>
internal sealed record PatchChunk(CommitInfo Commit, string Path, int FirstLine, string? AddedText);

/// <summary>
/// Turns the output of `git log -p -U0 --cc --format=%x01%H %aI` into the lines each commit added, one pass,
/// holding only the current run in memory. Header lines ("+++ b/x") only occur between a "diff" line and the
/// first hunk, so an added line whose text happens to start with "++" is never taken for one.
/// </summary>
internal static class GitPatchReader
{
    public const string CommitMarker = "\u0001";

    public static IEnumerable<PatchChunk> Read(TextReader reader)
    {
        CommitInfo? commit = null;
        string? path = null;
        var appeared = false; // the path is new in this commit: report it once, when the header is complete
        var inHunk = false;
        var parents = 1;      // marker columns per hunk line: 1, or one per parent in a merge's combined diff
        var line = 0;         // next line number in the commit's version of the file
        var run = new StringBuilder();
        var runStart = 0;
        var runEnd = 0;       // line number after the run's last line

        foreach (var text in Lines(reader))
        {
            if (inHunk && text.Length >= parents && IsHunkLine(text, parents))
            {
                var markers = text.AsSpan(0, parents);
                if (markers.Contains('-')) continue; // gone from the new version: takes no line number
                // In a merge, a line is new only when it differs from every parent; otherwise a parent brought it.
                if (!markers.ContainsAnyExcept('+'))
                {
                    if (run.Length > 0 && runEnd != line) yield return Flush();
                    if (run.Length == 0) runStart = line; else run.Append('\n');
                    run.Append(text, parents, text.Length - parents);
                    runEnd = line + 1;
                }
                line++;
                continue;
            }
            if (text.StartsWith('@') && commit is not null && path is not null)
            {
                if (appeared) { yield return new(commit, path, 1, null); appeared = false; }
                if (run.Length > 0) yield return Flush();
                parents = text.AsSpan().IndexOfAnyExcept('@') - 1;
                line = NewStart(text);
                inHunk = true;
                continue;
            }
            if (text.StartsWith(CommitMarker, StringComparison.Ordinal) || text.StartsWith("diff ", StringComparison.Ordinal))
            {
                if (run.Length > 0) yield return Flush();
                if (appeared && commit is not null && path is not null) yield return new(commit, path, 1, null);
                (path, appeared, inHunk) = (null, false, false);
                if (text.StartsWith(CommitMarker, StringComparison.Ordinal)) commit = ParseCommit(text);
                else if (text.StartsWith("diff --cc ", StringComparison.Ordinal) || text.StartsWith("diff --combined ", StringComparison.Ordinal))
                    path = Unquote(text[(text.IndexOf(' ', 5) + 1)..]);
                continue;
            }
            if (inHunk) continue; // "\ No newline at end of file", blank separators
            if (text.StartsWith("+++ ", StringComparison.Ordinal)) path = text == "+++ /dev/null" ? null : StripPrefix(Unquote(text[4..]));
            else if (text.StartsWith("new file mode", StringComparison.Ordinal)) appeared = true;
            else if (text.StartsWith("rename to ", StringComparison.Ordinal) || text.StartsWith("copy to ", StringComparison.Ordinal))
                (path, appeared) = (Unquote(text[(text.IndexOf(" to ", StringComparison.Ordinal) + 4)..]), true);
            else if (text.StartsWith("Binary files /dev/null and ", StringComparison.Ordinal) && text.EndsWith(" differ", StringComparison.Ordinal))
                path = StripPrefix(Unquote(text["Binary files /dev/null and ".Length..^" differ".Length]));
        }
        if (run.Length > 0) yield return Flush();
        if (appeared && commit is not null && path is not null) yield return new(commit, path, 1, null);

        PatchChunk Flush()
        {
            var chunk = new PatchChunk(commit!, path!, runStart, run.ToString());
            run.Clear();
            return chunk;
        }
    }

    private static bool IsHunkLine(string text, int parents) =>
        !text.AsSpan(0, parents).ContainsAnyExcept("+- ");

    private static CommitInfo ParseCommit(string text)
    {
        var space = text.IndexOf(' ');
        return new(text[1..space], DateTimeOffset.Parse(text[(space + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Start line of the new version in "@@ -a,b +c,d @@" (or "@@@ -a,b -c,d +e,f @@@").</summary>
    private static int NewStart(string header)
    {
        var plus = header.IndexOf(" +", StringComparison.Ordinal) + 2;
        var end = header.AsSpan(plus).IndexOfAny(", ");
        return int.Parse(header.AsSpan(plus, end), CultureInfo.InvariantCulture);
    }

    private static string StripPrefix(string path) => path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>Undoes git's C-style quoting of unusual paths ("a\tb", octal escapes for raw bytes).</summary>
    private static string Unquote(string s)
    {
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"') return s;
        var bytes = new List<byte>();
        for (var i = 1; i < s.Length - 1; i++)
        {
            if (s[i] != '\\') { bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString())); continue; }
            var c = s[++i];
            if (c is >= '0' and <= '7') { bytes.Add(Convert.ToByte(s.Substring(i, 3), 8)); i += 2; continue; }
            bytes.Add((byte)(c switch { 'a' => '\a', 'b' => '\b', 't' => '\t', 'n' => '\n', 'v' => '\v', 'f' => '\f', 'r' => '\r', _ => c }));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Lines split at '\n' only (a lone '\r' inside a file's line must not cut it in two), CR-LF trimmed.</summary>
    private static IEnumerable<string> Lines(TextReader reader)
    {
        var buffer = new char[64 * 1024];
        var pending = new StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var nl = Array.IndexOf(buffer, '\n', 0, read); nl >= 0; nl = Array.IndexOf(buffer, '\n', start, read - start))
            {
                pending.Append(buffer, start, nl - start);
                if (pending.Length > 0 && pending[^1] == '\r') pending.Length--;
                yield return pending.ToString();
                pending.Clear();
                start = nl + 1;
            }
            pending.Append(buffer, start, read - start);
        }
        if (pending.Length > 0) yield return pending.ToString();
    }
}
