using Greenlight.Migrations.Lint;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.History;

/// <summary>Scripts on disk set against the history table: what is applied, pending, failed or missing.</summary>
internal sealed class Ledger
{
    private readonly ScriptCatalog _catalog;
    private readonly Dictionary<MigrationVersion, HistoryRow> _versioned = [];
    private readonly Dictionary<string, HistoryRow> _repeatable = [];

    public Ledger(ScriptCatalog catalog, IReadOnlyList<HistoryRow> history)
    {
        _catalog = catalog;
        History = history;
        foreach (var row in history.Where(r => r.Type == HistoryRow.SqlType || r.IsBaseline))
        {
            if (row.Version is not null)
            {
                _versioned[MigrationVersion.Parse(row.Version)] = row;
            }
            else if (row.Success)
            {
                _repeatable[row.Description] = row;
            }
        }
        Baseline = history.Where(r => r.IsBaseline && r.Version is not null).Select(r => MigrationVersion.Parse(r.Version!)).Max();
        LatestApplied = _versioned.Where(p => p.Value.Success).Select(p => p.Key).Max();
    }

    public IReadOnlyList<HistoryRow> History { get; }

    public MigrationVersion? Baseline { get; }

    public MigrationVersion? LatestApplied { get; }

    public int NextRank => History.Count == 0 ? 1 : History.Max(r => r.InstalledRank) + 1;

    public bool IsBelowBaseline(MigrationScript script) => Baseline is not null && script.Version!.CompareTo(Baseline) <= 0;

    public HistoryRow? Entry(MigrationScript script) => script.IsRepeatable
        ? _repeatable.GetValueOrDefault(script.Description)
        : _versioned.GetValueOrDefault(script.Version!);

    public bool IsPending(MigrationScript script) => script.IsRepeatable
        ? Entry(script)?.Checksum != script.Checksum
        : !IsBelowBaseline(script) && Entry(script) is null;

    /// <summary>
    /// An older pending version is allowed when out-of-order is on, and always for a contract script: deferring
    /// contract scripts past later expand scripts is what phases are for.
    /// </summary>
    public bool IsOutOfOrderAllowed(MigrationScript script, bool outOfOrder) =>
        outOfOrder || script.Phase == MigrationPhase.Contract || LatestApplied is null || script.Version!.CompareTo(LatestApplied) > 0;

    public IEnumerable<MigrationScript> Pending(PhaseFilter filter)
    {
        var upTo = filter.UpToVersion is null ? null : MigrationVersion.Parse(filter.UpToVersion);
        var versioned = _catalog.Versioned.Where(s => IsPending(s)
            && (filter.Phase is null || s.Phase == filter.Phase)
            && (upTo is null || s.Version!.CompareTo(upTo) <= 0));
        return versioned.Concat(_catalog.Repeatable.Where(IsPending));
    }

    /// <summary>Applied history entries whose script is no longer on disk (a repeatable once, by its latest entry).</summary>
    public IEnumerable<HistoryRow> Missing()
    {
        var onDisk = _catalog.Versioned.Select(s => s.Version!).ToHashSet();
        var repeatables = _catalog.Repeatable.Select(s => s.Description).ToHashSet(StringComparer.Ordinal);
        return History.Where(r => r.Type == HistoryRow.SqlType && r.Version is not null && !onDisk.Contains(MigrationVersion.Parse(r.Version)))
            .Concat(_repeatable.Values.Where(r => !repeatables.Contains(r.Description)));
    }
}
