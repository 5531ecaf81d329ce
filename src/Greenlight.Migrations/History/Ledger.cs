using Greenlight.Migrations.Lint;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.History;

/// <summary>
/// Scripts on disk set against the history table: what is applied, pending, failed, missing or deleted. A successful
/// DELETE row cancels the latest applied row of its version (or, for a repeatable, its description), as Flyway reads it:
/// the migration is then neither applied nor missing.
/// </summary>
internal sealed class Ledger
{
    private readonly ScriptCatalog _catalog;
    private readonly Dictionary<MigrationVersion, HistoryRow> _versioned = [];
    private readonly Dictionary<string, HistoryRow> _repeatable = [];
    private readonly List<HistoryRow> _deleted = [];
    private readonly List<ValidationProblem> _problems = [];

    public Ledger(ScriptCatalog catalog, IReadOnlyList<HistoryRow> history)
    {
        _catalog = catalog;
        History = history;
        foreach (var row in history)
        {
            Read(row);
        }
        Baseline = history.Where(r => r.IsBaseline && r.Version is not null).Select(r => MigrationVersion.Parse(r.Version!)).Max();
        LatestApplied = _versioned.Where(p => p.Value.Success).Select(p => p.Key).Max();
    }

    public IReadOnlyList<HistoryRow> History { get; }

    /// <summary>Applied rows cancelled by a DELETE row.</summary>
    public IReadOnlyList<HistoryRow> Deleted => _deleted;

    /// <summary>What makes the history itself unreadable: a second DELETE of one version, Flyway Teams undo rows.</summary>
    public IReadOnlyList<ValidationProblem> Problems => _problems;

    /// <summary>Rows of migrations that failed and were not deleted since: each needs a repair.</summary>
    public IEnumerable<HistoryRow> Failed => History.Where(r => !r.Success && !RowTypes.IsSynthetic(r.Type) && !_deleted.Contains(r));

    public MigrationVersion? Baseline { get; }

    public MigrationVersion? LatestApplied { get; }

    public int NextRank => History.Count == 0 ? 1 : History.Max(r => r.InstalledRank) + 1;

    public bool IsBelowBaseline(MigrationScript script) => Baseline is not null && script.Version!.CompareTo(Baseline) <= 0;

    public HistoryRow? Entry(MigrationScript script) => script.IsRepeatable
        ? _repeatable.GetValueOrDefault(script.Description)
        : _versioned.GetValueOrDefault(script.Version!);

    public bool IsPending(MigrationScript script) => script.IsRepeatable
        ? !script.ChecksumMatches(Entry(script)?.Checksum)
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
        return _versioned.Where(p => !p.Value.IsBaseline && !onDisk.Contains(p.Key)).Select(p => p.Value)
            .Concat(_repeatable.Values.Where(r => !repeatables.Contains(r.Description)))
            .OrderBy(r => r.InstalledRank);
    }

    private void Read(HistoryRow row)
    {
        if (RowTypes.IsUndo(row.Type))
        {
            _problems.Add(new(row.Script, $"{row.Script}: history row {row.InstalledRank} is a Flyway Teams undo ({row.Type}); Greenlight cannot tell what it undid, so it does not continue this history."));
        }
        else if (row.Type == RowTypes.Delete)
        {
            if (row.Success)
            {
                Delete(row);
            }
        }
        else if (row.Type == RowTypes.Schema)
        {
            return;
        }
        else if (row.Version is not null)
        {
            _versioned[MigrationVersion.Parse(row.Version)] = row;
        }
        else if (row.Success)
        {
            _repeatable[row.Description] = row;
        }
    }

    private void Delete(HistoryRow marker)
    {
        if (marker.Version is null)
        {
            if (_repeatable.Remove(marker.Description, out var repeatable))
            {
                _deleted.Add(repeatable);
            }
            return;
        }
        var version = MigrationVersion.Parse(marker.Version);
        // A baseline row is a marker, not an applied migration: a DELETE row never cancels it.
        if (_versioned.TryGetValue(version, out var row) && !row.IsBaseline)
        {
            _versioned.Remove(version);
            _deleted.Add(row);
        }
        else if (_deleted.Any(d => d.Version is not null && MigrationVersion.Parse(d.Version).Equals(version)))
        {
            _problems.Add(new(marker.Script, $"{marker.Script}: the history holds more than one DELETE row for version {marker.Version} (Flyway: \"Corrupted schema history: multiple delete entries\"); remove the extra row."));
        }
    }
}
