using Greenlight.Migrations.Databases;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.History;

/// <summary>What <c>repair</c> writes, row for row as Flyway 9+ repair writes it, so either tool reads the result alike.</summary>
internal static class Repair
{
    /// <summary>Each applied migration missing from disk gets a DELETE row: same version, description, script and checksum, execution time 0.</summary>
    public static async Task<int> MarkMissingDeletedAsync(MigrationDatabase db, Ledger ledger, string installedBy, CancellationToken ct)
    {
        var rank = ledger.NextRank;
        var missing = ledger.Missing().Where(r => r.Success).ToList();
        foreach (var row in missing)
        {
            await db.InsertAsync(row with
            {
                InstalledRank = rank++,
                Type = RowTypes.Delete,
                InstalledBy = installedBy,
                InstalledOn = null, // the database's now(), as for every row
                ExecutionTime = 0,
            }, ct);
        }
        return missing.Count;
    }

    /// <summary>
    /// Takes the checksum and description on disk for each applied versioned script that differs, and for a repeatable
    /// applied before its placeholders were replaced, the checksum of its replaced text.
    /// </summary>
    public static async Task<int> RealignAsync(MigrationDatabase db, ScriptCatalog catalog, Ledger ledger, CancellationToken ct)
    {
        var realigned = 0;
        foreach (var script in catalog.Scripts)
        {
            if (ledger.Entry(script) is not { IsBaseline: false } entry)
            {
                continue;
            }
            var checksum = script.IsRepeatable
                ? entry.Checksum == script.UnreplacedChecksum && entry.Checksum != script.Checksum
                : entry.Checksum != script.Checksum;
            var description = !script.IsRepeatable && entry.Description != Descriptions.AsStored(script.Description);
            if (checksum)
            {
                await db.UpdateChecksumAsync(entry.InstalledRank, script.Checksum, ct);
            }
            if (description)
            {
                await db.UpdateDescriptionAsync(entry.InstalledRank, Descriptions.AsStored(script.Description), ct);
            }
            realigned += checksum || description ? 1 : 0;
        }
        return realigned;
    }
}
