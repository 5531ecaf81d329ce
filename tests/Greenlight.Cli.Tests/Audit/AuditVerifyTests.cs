using System.Text.Json;

namespace Greenlight.Cli.Tests.Audit;

/// <summary>`greenlight audit verify` on a real state.db tampered with in plain SQL: each change is found, and the first bad entry named.</summary>
public sealed class AuditVerifyTests : IDisposable
{
    private readonly AuditedState _state = new();

    [Fact]
    public async Task Verify_UntouchedLog_ExitsZero()
    {
        await _state.AppendAsync(20);

        var result = await _state.RunAsync("audit", "verify", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(20, json.RootElement.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task Verify_AnEntryEdited_NamesIt() =>
        await AssertFirstBadAsync("UPDATE audit_log SET entry = replace(entry, '\"actor\":\"user-5\"', '\"actor\":\"someone\"') WHERE seq = 5", 5, "modified");

    [Fact]
    public async Task Verify_AnEntryDeleted_NamesIt() =>
        await AssertFirstBadAsync("DELETE FROM audit_log WHERE seq = 5", 5, "deleted");

    [Fact]
    public async Task Verify_AnEntryInserted_NamesIt() =>
        // Made to look right: entries from 5 on move one place down, and the new entry 5 is a copy of entry 4's successor
        // with another actor, chained to entry 4 exactly as the real one was.
        await AssertFirstBadAsync("""
            UPDATE audit_log SET seq = -seq WHERE seq >= 5;
            UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;
            INSERT INTO audit_log (seq, at, entry) SELECT 5, at, replace(entry, '"actor":"user-5"', '"actor":"intruder"') FROM audit_log WHERE seq = 6;
            """, 5, "inserted");

    [Fact]
    public async Task Verify_TwoEntriesSwapped_NamesTheFirst() =>
        await AssertFirstBadAsync("""
            UPDATE audit_log SET seq = -1 WHERE seq = 5;
            UPDATE audit_log SET seq = 5 WHERE seq = 6;
            UPDATE audit_log SET seq = 6 WHERE seq = -1;
            """, 5, "reordered");

    [Fact]
    public async Task Verify_TailCut_NamesTheFirstMissingEntry() =>
        await AssertFirstBadAsync("DELETE FROM audit_log WHERE seq >= 18", 18, "truncated");

    private async Task AssertFirstBadAsync(string tamper, long firstBad, string what)
    {
        await _state.AppendAsync(20);
        _state.Sql(tamper);

        var human = await _state.RunAsync("audit", "verify");
        var json = await _state.RunAsync("audit", "verify", "--output", "json");

        Assert.Equal(3, human.ExitCode);
        Assert.Contains($"first bad entry {firstBad}: {what}", human.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(firstBad, doc.RootElement.GetProperty("firstBad").GetInt64());
    }

    public void Dispose() => _state.Dispose();
}
