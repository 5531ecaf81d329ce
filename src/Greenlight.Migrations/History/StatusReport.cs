using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.History;

/// <summary>Builds the status lines: every script on disk, plus history entries with no script behind them, or deleted.</summary>
internal static class StatusReport
{
    public static IReadOnlyList<MigrationStatus> Build(ScriptCatalog catalog, Ledger ledger)
    {
        var lines = new List<MigrationStatus>();
        lines.AddRange(ledger.History.Where(r => r.IsBaseline).Select(r => Line(r, MigrationState.Baseline)));
        foreach (var script in catalog.Scripts)
        {
            var entry = ledger.Entry(script);
            var state = State(script, entry, ledger);
            lines.Add(new MigrationStatus(script.Version?.Text, script.Description, script.FileName, state, script.Phase,
                state == MigrationState.Pending ? null : entry?.InstalledOn) { Checksum = entry?.Checksum });
        }
        lines.AddRange(ledger.Missing().Select(r => Line(r, MigrationState.Missing)));
        lines.AddRange(ledger.Deleted.Select(r => Line(r, MigrationState.Deleted)));
        return lines;
    }

    private static MigrationStatus Line(HistoryRow row, MigrationState state) =>
        new(row.Version, row.Description, row.Script, state, null, row.InstalledOn) { Checksum = row.Checksum };

    private static MigrationState State(MigrationScript script, HistoryRow? entry, Ledger ledger) => entry switch
    {
        _ when !script.IsRepeatable && ledger.IsBelowBaseline(script) => MigrationState.BelowBaseline,
        { Success: false } => MigrationState.Failed,
        _ when ledger.IsPending(script) => MigrationState.Pending,
        _ => MigrationState.Applied,
    };
}
