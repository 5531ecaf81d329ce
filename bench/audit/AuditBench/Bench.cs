using System.Diagnostics;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;

/// <summary>What the SQLite and PostgreSQL runs share: the records, the appends, the turns.</summary>
static class Bench
{
    // Through the controller's writer, as the API middleware appends.
    public static async Task<TimeSpan> AppendAsync(IAuditLog store, int from, int n)
    {
        var clock = Stopwatch.StartNew();
        for (var i = from; i < from + n; i++)
            await store.AppendAsync(RecordOf(i), CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>The two take turns in ROUNDS_APPEND slices of the count, the order alternating; their total times.</summary>
    public static async Task<(TimeSpan A, TimeSpan B)> TakeTurnsAsync(int count, Func<int, int, Task<TimeSpan>> a, Func<int, int, Task<TimeSpan>> b)
    {
        TimeSpan totalA = default, totalB = default;
        var slices = Env("ROUNDS_APPEND", 10);
        for (var slice = 0; slice < slices; slice++)
        {
            var (from, n) = (slice * count / slices, (slice + 1) * count / slices - slice * count / slices);
            if (slice % 2 == 0)
            {
                totalA += await a(from, n);
                totalB += await b(from, n);
            }
            else
            {
                totalB += await b(from, n);
                totalA += await a(from, n);
            }
        }
        return (totalA, totalB);
    }

    // A record as the API middleware writes one for a deploy: the size of a typical entry.
    public static AuditRecord RecordOf(int i) => new("deployer@example.com", "POST /v1/releases/{id}/promote", $"app shop, release rel-{i:x8}", "ok")
    {
        Request = $"0HN8Q{i:x8}:00000001", Source = "127.0.0.1", Status = 202, Before = "shop@1.41.0", After = "1.42.0",
    };

    public static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}
