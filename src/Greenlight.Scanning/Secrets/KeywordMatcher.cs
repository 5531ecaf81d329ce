using System.Buffers;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Aho–Corasick automaton over every rule's lowercase keywords. One pass over a file tells which keywords occur,
/// so a rule's (far more expensive) regex only runs on files that can possibly match it.
/// </summary>
internal sealed class KeywordMatcher
{
    private readonly List<Dictionary<char, int>> _next = [new()];
    private readonly List<int> _fail = [0];
    private readonly List<List<int>> _out = [[]];

    // Dense transitions for ASCII input (states x 128), built when every keyword is ASCII, which all real
    // rule keywords are: the scan loop is then one array lookup per character, with case folded in the table.
    private readonly int[]? _ascii;
    private readonly int[][] _outputs;

    // With ASCII keywords, vectorized multi-string searches jump from one possible keyword start to the next, so
    // the bulk of a file (which holds no keyword) is skipped many chars at a time instead of walked one by one.
    // Sorted, so that keywords sharing a prefix ("ghp_", "gho_") share a group and its search stops no more often.
    private readonly KeywordGroup[]? _groups;

    // Non-ASCII chars whose lowercase is ASCII (the Kelvin sign is a 'k'): the vectorized search does not fold
    // them as the automaton does, so a text holding one takes the automaton.
    private static readonly SearchValues<char> FoldsToAscii = SearchValues.Create(
        Enumerable.Range(128, char.MaxValue - 127).Select(c => (char)c).Where(c => char.ToLowerInvariant(c) < 128).ToArray());

    public KeywordMatcher(IReadOnlyList<string> keywords)
    {
        KeywordCount = keywords.Count;
        for (var k = 0; k < keywords.Count; k++)
        {
            var node = 0;
            foreach (var c in keywords[k].ToLowerInvariant())
            {
                if (!_next[node].TryGetValue(c, out var child))
                {
                    child = _next.Count;
                    _next.Add(new()); _fail.Add(0); _out.Add([]);
                    _next[node][c] = child;
                }
                node = child;
            }
            _out[node].Add(k);
        }
        BuildFailureLinks();
        _outputs = _out.Select(o => o.Distinct().ToArray()).ToArray();
        if (keywords.All(k => k.All(char.IsAscii))) _ascii = BuildAsciiTable();
        if (_ascii is not null && keywords.Count > 0 && keywords.All(k => k.Length > 0))
        {
            _groups = keywords.Select((k, i) => (Keyword: k.ToLowerInvariant(), Index: i))
                .OrderBy(m => m.Keyword, StringComparer.Ordinal)
                .Chunk(KeywordGroup.MaxSize).Select(members => new KeywordGroup(members)).ToArray();
        }
    }

    private int[] BuildAsciiTable()
    {
        var table = new int[_next.Count * 128];
        // Breadth-first: a state's failure target is shallower, so its row is complete when we copy from it.
        var order = new List<int> { 0 };
        for (var i = 0; i < order.Count; i++) order.AddRange(_next[order[i]].Values);
        foreach (var s in order)
        {
            for (var c = 0; c < 128; c++)
            {
                table[s * 128 + c] = _next[s].TryGetValue((char)c, out var child) ? child
                    : s == 0 ? 0 : table[_fail[s] * 128 + c];
            }
            for (var c = 'A'; c <= 'Z'; c++) table[s * 128 + c] = table[s * 128 + char.ToLowerInvariant(c)];
        }
        return table;
    }

    public int KeywordCount { get; }

    private void BuildFailureLinks()
    {
        // Breadth-first so a node's failure target is final before its children use it.
        var queue = new Queue<int>(_next[0].Values);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _next[node])
            {
                var f = _fail[node];
                while (f != 0 && !_next[f].ContainsKey(c)) f = _fail[f];
                _fail[child] = _next[f].TryGetValue(c, out var t) && t != child ? t : 0;
                _out[child].AddRange(_out[_fail[child]]);
                queue.Enqueue(child);
            }
        }
    }

    /// <summary>Flags per keyword index: true when that keyword occurs (case-insensitively) in the text.</summary>
    public bool[] FindPresent(ReadOnlySpan<char> text)
    {
        if (_ascii is null) return FindPresentSlow(text);
        if (_groups is null || text.ContainsAny(FoldsToAscii)) return FindPresentAscii(text, _ascii);
        var found = new bool[KeywordCount];
        foreach (var group in _groups) group.FindPresent(text, found);
        return found;
    }

    private bool[] FindPresentAscii(ReadOnlySpan<char> text, int[] table)
    {
        var found = new bool[KeywordCount];
        var remaining = KeywordCount;
        var node = 0;
        foreach (var raw in text)
        {
            var c = raw < 128 ? raw : char.ToLowerInvariant(raw); // e.g. the Kelvin sign lowercases to 'k'
            node = c < 128 ? table[node * 128 + c] : 0; // no ASCII keyword spans a non-ASCII char
            var outputs = _outputs[node];
            if (outputs.Length == 0) continue;
            foreach (var k in outputs)
            {
                if (found[k]) continue;
                found[k] = true;
                if (--remaining == 0) return found;
            }
        }
        return found;
    }

    private bool[] FindPresentSlow(ReadOnlySpan<char> text)
    {
        var found = new bool[KeywordCount];
        var remaining = KeywordCount;
        var node = 0;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            while (node != 0 && !_next[node].ContainsKey(c)) node = _fail[node];
            node = _next[node].GetValueOrDefault(c);
            foreach (var k in _out[node])
            {
                if (found[k]) continue;
                found[k] = true;
                if (--remaining == 0) return found; // nothing left to learn from the rest of the file
            }
        }
        return found;
    }
}
