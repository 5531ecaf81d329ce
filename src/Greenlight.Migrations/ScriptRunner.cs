using System.Data.Common;
using System.Diagnostics;
using Greenlight.Migrations.Databases;
using Greenlight.Migrations.History;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations;

/// <summary>
/// Applies one script and records it. Success: the script and its history row commit together. Failure: the
/// script is rolled back and the failed row is written afterwards, outside the rolled-back work.
/// </summary>
internal sealed class ScriptRunner(MigrationDatabase db, MigratorOptions options, int firstRank)
{
    private int _rank = firstRank;

    public async Task<(AppliedScript? Applied, ScriptFailure? Failure)> RunAsync(MigrationScript script, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await db.BeginAndExecuteScriptAsync(script, ct);
            await db.CommitScriptAsync(Row(script, started, success: true), ct);
        }
        catch (DbException e)
        {
            await db.RollbackScriptAsync(ct);
            var located = await db.LocateFailureAsync(script, ct);
            await db.InsertAsync(Row(script, started, success: false), ct);
            _rank++;
            return (null, new ScriptFailure(script.FileName, Describe(script, located ?? new ScriptExecutionException(null, null, e))));
        }
        catch
        {
            await db.RollbackScriptAsync(CancellationToken.None);
            throw;
        }
        _rank++;
        return (new AppliedScript(script.Version?.Text, script.Description, script.FileName, script.Phase, Stopwatch.GetElapsedTime(started)), null);
    }

    private HistoryRow Row(MigrationScript script, long started, bool success) => new(
        _rank, script.Version?.Text, script.Description, HistoryRow.SqlType, script.FileName, script.Checksum,
        options.InstalledBy, options.Time.GetUtcNow().UtcDateTime, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, success);

    private static string Describe(MigrationScript script, ScriptExecutionException e)
    {
        var where = e.Line is null ? "" : $" at line {e.Line}";
        var statement = e.Statement is null ? "" : $" ({SqlText.Excerpt(e.Statement)})";
        return $"{script.FileName} failed{where}{statement}: {e.Message}. The script was rolled back.";
    }
}
