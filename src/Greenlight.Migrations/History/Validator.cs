using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.History;

/// <summary>Every reason the history and the scripts disagree, one message each, all of them at once.</summary>
internal static class Validator
{
    public static IReadOnlyList<ValidationProblem> Validate(ScriptCatalog catalog, Ledger ledger, bool outOfOrder)
    {
        var problems = new List<ValidationProblem>(catalog.Problems);
        problems.AddRange(ledger.Problems);
        foreach (var row in ledger.Failed)
        {
            problems.Add(new(row.Script, $"{row.Script}: failed when applied on {row.InstalledOn:yyyy-MM-dd HH:mm:ss}; fix the script, then run repair to remove the failed entry."));
        }
        foreach (var row in ledger.Missing().Where(r => r.Success))
        {
            problems.Add(new(row.Script, $"{row.Script}: applied (version {row.Version ?? "repeatable"}) but missing from the migrations folder; restore it, or run repair to mark it deleted if it was removed on purpose."));
        }
        foreach (var script in catalog.Versioned)
        {
            var entry = ledger.Entry(script);
            if (entry is { Success: true, IsBaseline: false } && entry.Checksum != script.Checksum)
            {
                problems.Add(new(script.FileName, $"{script.FileName}: checksum changed since it was applied (applied {entry.Checksum}, on disk {script.Checksum}); revert the edit, or run repair if the change is intended."));
            }
            else if (entry is { Success: true, IsBaseline: false } && entry.Description != Descriptions.AsStored(script.Description))
            {
                problems.Add(new(script.FileName, $"{script.FileName}: description changed since it was applied (applied '{entry.Description}', on disk '{script.Description}'); revert the rename, or run repair if it is intended."));
            }
            else if (ledger.IsPending(script) && !ledger.IsOutOfOrderAllowed(script, outOfOrder))
            {
                problems.Add(new(script.FileName, $"{script.FileName}: version {script.Version} is pending but older than the latest applied version {ledger.LatestApplied}; renumber it or enable out-of-order."));
            }
        }
        return problems;
    }
}
