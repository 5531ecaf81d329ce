using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Translates a Go RE2 regex (gitleaks' syntax) into a .NET one that matches the same text. Constructs that
/// compile in .NET but mean something else there are rewritten: POSIX classes, ASCII-only \d \s \w \b, '$'
/// (end of text in RE2 unless (?m)), (?U), \Q…\E, escaped punctuation such as \_, and named groups (numbered in
/// order, as RE2 does, so secretGroup picks the same group). What RE2 refuses — lookarounds, backreferences,
/// atomic groups — is refused here too.
/// </summary>
internal sealed partial class GoRegex
{
    private const int MaxRepeat = 1000; // RE2's limit on {n,m}

    private readonly string _p;
    private readonly StringBuilder _out = new();
    private readonly Stack<(bool Multiline, bool Ungreedy)> _groups = new();
    private readonly HashSet<string> _names = [];
    private int _i;
    private bool _multiline, _ungreedy;
    private bool _repeatable; // the last thing emitted can take a quantifier

    private GoRegex(string pattern) => _p = pattern;

    /// <exception cref="GoRegexException">The pattern is not RE2, or uses RE2 that .NET cannot express.</exception>
    public static string Translate(string pattern)
    {
        for (var k = 0; k < pattern.Length; k += char.IsSurrogatePair(pattern, k) ? 2 : 1)
            if (char.IsSurrogate(pattern[k]) && !char.IsSurrogatePair(pattern, k))
                throw new GoRegexException($"invalid UTF-16 (a lone surrogate) at offset {k}");
        var t = new GoRegex(pattern);
        t.Run();
        return t._out.ToString();
    }

    private void Run()
    {
        while (_i < _p.Length)
        {
            var c = _p[_i];
            switch (c)
            {
                case '\\': Escape(); break;
                case '[': Emit("[" + Class() + "]"); break;
                case '(': OpenGroup(); break;
                case ')': CloseGroup(); break;
                case '*' or '+' or '?': Quantifier(c.ToString(), 1); break;
                case '{' when Repeat() is { } repeat: Quantifier(repeat.Text, repeat.Length); break;
                case '$': _i++; Emit(_multiline ? "(?m:$)" : @"\z", repeatable: false); break;
                case '^': _i++; Emit(_multiline ? "(?m:^)" : @"\A", repeatable: false); break;
                case '|': _i++; Emit("|", repeatable: false); break;
                case '.': _i++; Emit("."); break;
                default: Emit(Single(NextCodePoint())); break;
            }
        }
        if (_groups.Count > 0) throw new GoRegexException("missing closing )");
    }

    private void Emit(string text, bool repeatable = true)
    {
        _out.Append(text);
        _repeatable = repeatable;
    }

    private int NextCodePoint()
    {
        var c = char.ConvertToUtf32(_p, _i);
        _i += char.IsSurrogatePair(_p, _i) ? 2 : 1;
        return c;
    }

    private void Quantifier(string text, int length)
    {
        if (!_repeatable) throw new GoRegexException($"missing argument to repetition operator '{text}' at offset {_i}");
        _i += length;
        var lazy = _i < _p.Length && _p[_i] == '?';
        if (lazy) _i++;
        // (?U) swaps greedy and lazy; .NET has no such flag, so each quantifier says what it means.
        Emit(text + (lazy != _ungreedy ? "?" : ""), repeatable: false);
    }

    /// <summary>{n}, {n,} or {n,m} at the cursor; null when the brace is a literal, as in RE2.</summary>
    private (string Text, int Length)? Repeat()
    {
        var end = _p.IndexOf('}', _i);
        if (end < 0) return null;
        var body = _p[(_i + 1)..end];
        var parts = body.Split(',');
        // RE2 reads {05} (a leading zero) as literal text, like any brace that is no repeat count.
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit) && !(p.Length > 1 && p[0] == '0')))
            return null;
        var bounds = parts.Where(p => p.Length > 0).Select(p => p.Length > 4 ? int.MaxValue : int.Parse(p)).ToList();
        if (bounds.Any(b => b > MaxRepeat) || (bounds.Count == 2 && bounds[1] < bounds[0]))
            throw new GoRegexException($"invalid repeat count '{{{body}}}' (RE2 allows at most {MaxRepeat})");
        return ("{" + body + "}", end - _i + 1);
    }

    private void OpenGroup()
    {
        var rest = _p.AsSpan(_i);
        _groups.Push((_multiline, _ungreedy));
        if (!rest.StartsWith("(?"))
        {
            _i++;
            Emit("(", repeatable: false);
            return;
        }
        if (rest.StartsWith("(?P<") || (rest.StartsWith("(?<") && !rest.StartsWith("(?<=") && !rest.StartsWith("(?<!")))
        {
            var start = _p.IndexOf('<', _i) + 1;
            var end = _p.IndexOf('>', start);
            if (end < 0 || end == start || !_p[start..end].All(ch => ch == '_' || char.IsAsciiLetterOrDigit(ch)))
                throw new GoRegexException($"invalid named capture at offset {_i}");
            if (!_names.Add(_p[start..end]))
                throw new GoRegexException($"duplicate capture group name '{_p[start..end]}' at offset {_i}");
            // Unnamed: .NET numbers named groups after all unnamed ones, RE2 numbers every group left to right.
            _i = end + 1;
            Emit("(", repeatable: false);
            return;
        }
        Flags();
    }

    /// <summary>(?flags) or (?flags:…), RE2's flags being i, m, s and U.</summary>
    private void Flags()
    {
        var start = _i;
        _i += 2;
        var on = true;
        var sawFlag = true; // RE2 takes (?:…) and (?), but refuses a '-' with no flag after it
        var dotnet = new StringBuilder();
        for (; _i < _p.Length; _i++)
        {
            var f = _p[_i];
            if (f is ')' or ':') break;
            if (f == '-' && on) { on = false; sawFlag = false; dotnet.Append('-'); continue; }
            if (f is 'i' or 's') dotnet.Append(f);
            else if (f == 'm') { dotnet.Append(f); _multiline = on; }
            else if (f == 'U') _ungreedy = on;
            else throw Unsupported(start);
            sawFlag = true;
        }
        if (_i >= _p.Length || !sawFlag) throw Unsupported(start);
        var flags = dotnet.ToString().TrimEnd('-');
        if (_p[_i++] == ':')
        {
            Emit($"(?{flags}:", repeatable: false);
            return;
        }
        // (?flags) holds until the enclosing group closes: it opens no group of its own, so nothing is restored.
        _groups.Pop();
        Emit(flags.Length > 0 ? $"(?{flags})" : "", repeatable: false);
    }

    private GoRegexException Unsupported(int at)
    {
        var rest = _p[at..];
        var what = rest.StartsWith("(?=") || rest.StartsWith("(?!") || rest.StartsWith("(?<=") || rest.StartsWith("(?<!")
            ? "lookaround" : rest.StartsWith("(?>") ? "atomic group" : rest.StartsWith("(?P=") ? "backreference" : "group syntax";
        return new GoRegexException($"{what} '{rest[..Math.Min(rest.Length, 4)]}…' at offset {at} is not RE2 syntax");
    }

    private void CloseGroup()
    {
        if (_groups.Count == 0) throw new GoRegexException($"unexpected ) at offset {_i}");
        (_multiline, _ungreedy) = _groups.Pop();
        _i++;
        Emit(")");
    }
}

/// <summary>A Go regex that is not RE2, or that .NET cannot match the same way; the message says where.</summary>
internal sealed class GoRegexException(string message) : Exception(message);
