namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>One server line of <c>show stat</c>: the counters the router reads.</summary>
internal sealed record HaproxyServerStat(string Server, long Sessions, long ServerErrors, long TransportErrors, int Current, int Queued)
{
    /// <summary>Parses <c>show stat</c>'s CSV (header line "# pxname,svname,…") keeping the servers of <paramref name="backend"/>.</summary>
    public static IReadOnlyDictionary<string, HaproxyServerStat> Parse(string csv, string backend)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
            throw new HaproxyException($"haproxy answered 'show stat' with something other than its CSV: {csv.Trim()}");
        var columns = lines[0][2..].Split(',');
        int Column(string name) => Array.IndexOf(columns, name) is >= 0 and var i ? i
            : throw new HaproxyException($"haproxy's 'show stat' has no '{name}' column");
        int px = Column("pxname"), sv = Column("svname"), stot = Column("stot"), h5 = Column("hrsp_5xx"),
            econ = Column("econ"), eresp = Column("eresp"), scur = Column("scur"), qcur = Column("qcur");

        var servers = new Dictionary<string, HaproxyServerStat>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < columns.Length || f[px] != backend || f[sv] is "BACKEND" or "FRONTEND") continue;
            servers[f[sv]] = new HaproxyServerStat(f[sv], Long(f[stot]), Long(f[h5]), Long(f[econ]) + Long(f[eresp]), (int)Long(f[scur]), (int)Long(f[qcur]));
        }

        return servers;
    }

    private static long Long(string field) => long.TryParse(field, out var value) ? value : 0;
}
