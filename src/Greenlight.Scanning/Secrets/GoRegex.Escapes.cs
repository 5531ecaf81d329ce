using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>Escapes and bracket classes: the parts of RE2 whose letters mean other sets in .NET.</summary>
internal sealed partial class GoRegex
{
    private void Escape()
    {
        if (_i + 1 >= _p.Length) throw new GoRegexException("trailing backslash at end of expression");
        switch (_p[_i + 1])
        {
            case 'Q': Quoted(); return;
            case 'A': _i += 2; Emit(@"\A", repeatable: false); return;
            case 'z': _i += 2; Emit(@"\z", repeatable: false); return;
            case 'b': _i += 2; Emit(WordBoundary(true), repeatable: false); return;
            case 'B': _i += 2; Emit(WordBoundary(false), repeatable: false); return;
        }
        var (code, cls) = EscapeAtom();
        Emit(cls is null ? Single(code) : "[" + cls + "]");
    }

    // RE2's \b looks at ASCII word characters only; .NET's \b at Unicode letters.
    private static string WordBoundary(bool boundary)
    {
        var w = GoRegexClasses.Word;
        return boundary ? $"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))" : $"(?:(?<={w})(?={w})|(?<!{w})(?!{w}))";
    }

    private void Quoted()
    {
        var end = _p.IndexOf(@"\E", _i + 2, StringComparison.Ordinal);
        var literal = end < 0 ? _p[(_i + 2)..] : _p[(_i + 2)..end];
        _i = end < 0 ? _p.Length : end + 2;
        // A quantifier after \Q…\E applies to its last character, as it would in RE2.
        for (var k = 0; k < literal.Length; k += char.IsSurrogatePair(literal, k) ? 2 : 1)
            Emit(Single(char.ConvertToUtf32(literal, k)));
    }

    private static string Single(int c) => c > 0xFFFF ? $"(?:{GoRegexClasses.Literal(c)})" : GoRegexClasses.Literal(c);

    /// <summary>An escape that stands for one character or a class (inside or outside brackets).</summary>
    private (int Code, string? Class) EscapeAtom()
    {
        var start = _i;
        var c = _p[_i + 1];
        _i += 2;
        if (GoRegexClasses.PerlClass(c) is { } perl) return (0, perl);
        switch (c)
        {
            case 'p' or 'P': return (0, GoRegexClasses.UnicodeClass(UnicodeName(), c == 'P'));
            case 'a': return (7, null);
            case 'f': return ('\f', null);
            case 't': return ('\t', null);
            case 'n': return ('\n', null);
            case 'r': return ('\r', null);
            case 'v': return ('\v', null);
            case 'x': return (Hex(), null);
            case >= '0' and <= '7' when c == '0' || (_i < _p.Length && _p[_i] is >= '0' and <= '7'):
                var digits = c.ToString();
                while (digits.Length < 3 && _i < _p.Length && _p[_i] is >= '0' and <= '7') digits += _p[_i++];
                return (Convert.ToInt32(digits, 8), null);
            case >= '1' and <= '9': throw new GoRegexException($"backreference '\\{c}' at offset {start} is not RE2 syntax");
            case < (char)0x80 when !char.IsAsciiLetterOrDigit(c): return (c, null); // \_ \. \- …: the character itself
            default: throw new GoRegexException($"invalid escape '\\{c}' at offset {start}");
        }
    }

    private string UnicodeName()
    {
        if (_i >= _p.Length) throw new GoRegexException("\\p without a class name");
        if (_p[_i] != '{') return _p[_i++].ToString();
        var end = _p.IndexOf('}', _i);
        if (end < 0) throw new GoRegexException($"missing }} after \\p{{ at offset {_i}");
        var name = _p[(_i + 1)..end];
        _i = end + 1;
        return name;
    }

    private int Hex()
    {
        if (_i < _p.Length && _p[_i] == '{')
        {
            var end = _p.IndexOf('}', _i);
            var digits = end < 0 ? "" : _p[(_i + 1)..end];
            if (digits.Length is 0 or > 6 || !digits.All(char.IsAsciiHexDigit) || GoRegexClasses.ParseHex(digits) > 0x10FFFF)
                throw new GoRegexException($"invalid \\x{{…}} escape at offset {_i - 2}");
            _i = end + 1;
            return GoRegexClasses.ParseHex(digits);
        }
        if (_i + 2 > _p.Length || !char.IsAsciiHexDigit(_p[_i]) || !char.IsAsciiHexDigit(_p[_i + 1]))
            throw new GoRegexException($"invalid \\x escape at offset {_i - 2}");
        _i += 2;
        return GoRegexClasses.ParseHex(_p[(_i - 2).._i]);
    }

    /// <summary>The body of a bracket class at the cursor: every item spelled out so .NET reads no syntax of its own into it.</summary>
    private string Class()
    {
        var start = _i++;
        var body = new StringBuilder();
        if (_i < _p.Length && _p[_i] == '^') { body.Append('^'); _i++; }
        for (var first = true; ; first = false)
        {
            if (_i >= _p.Length) throw new GoRegexException($"missing closing ] for the class at offset {start}");
            if (_p[_i] == ']' && !first) { _i++; return body.ToString(); }
            if (_p.AsSpan(_i).StartsWith("[:") && _p.IndexOf(":]", _i + 2, StringComparison.Ordinal) is var close and > 0)
            {
                var name = _p[(_i + 2)..close];
                body.Append(GoRegexClasses.PosixClass(name) ?? throw new GoRegexException($"unknown POSIX class '[:{name}:]' at offset {_i}"));
                _i = close + 2;
                continue;
            }
            var lo = ClassChar(out var cls);
            if (cls is not null) { body.Append(cls); continue; }
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                var hi = ClassChar(out var hiClass);
                if (hiClass is not null || hi < lo) throw new GoRegexException($"invalid class range at offset {start}");
                body.Append(InClass(lo)).Append('-').Append(InClass(hi));
            }
            else body.Append(InClass(lo));
        }
    }

    private int ClassChar(out string? cls)
    {
        cls = null;
        if (_p[_i] != '\\') return NextCodePoint();
        var (code, c) = EscapeAtom();
        cls = c;
        return code;
    }

    private static string InClass(int c) =>
        c <= 0xFFFF ? GoRegexClasses.Literal(c)
        : throw new GoRegexException($"character U+{c:X} past U+FFFF inside a class cannot be matched as one character in .NET");
}
