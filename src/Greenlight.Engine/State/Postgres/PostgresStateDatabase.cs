using Dapper;
using Npgsql;

namespace Greenlight.Engine.State.Postgres;

/// <summary>
/// One controller's connection to the PostgreSQL state: the pool, the schema brought up to date at open, the lease
/// and the fencing token it granted. Every <see cref="PostgresStateStore"/> a controller opens (one per lane, each
/// masking its own secrets) shares it, so the lease taken through one fences the writes of all. Two controllers are
/// two of these. The connection string is the caller's and goes into no message or log (see <see cref="Describe"/>).
/// </summary>
internal sealed partial class PostgresStateDatabase : IAsyncDisposable
{
    /// <summary>Greenlight's own schema in the database: its tables, its migration history, its lease.</summary>
    public const string Schema = "greenlight";

    /// <summary>
    /// How long a session may sit in a transaction without a statement before the server ends it. A controller paused
    /// (SIGSTOP, a frozen VM) in the middle of a write would otherwise hold its share lock on the lease row for as long
    /// as it is paused, and no other controller could take the lease over. Greenlight's transactions take milliseconds.
    /// </summary>
    public static readonly TimeSpan IdleInTransaction = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _source;
    private long _token; // the fencing token of the last grant; 0: no lease was ever taken here, writes are unfenced

    private PostgresStateDatabase(NpgsqlDataSource source, string stateDirectory, string described)
    {
        (_source, StateDirectory, Described) = (source, stateDirectory, described);
    }

    /// <summary>Where the controller's own files are: the audit signing key among them.</summary>
    public string StateDirectory { get; }

    /// <summary>The database as errors may name it: host, port, database and user, never a password.</summary>
    public string Described { get; }

    /// <summary>Connects, creates the schema when missing and applies the schema's pending migrations.</summary>
    public static async Task<PostgresStateDatabase> OpenAsync(string connectionString, string stateDirectory, CancellationToken ct) =>
        await OpenAsync(connectionString, stateDirectory, SchemaScripts.Embedded(), ct);

    internal static async Task<PostgresStateDatabase> OpenAsync(string connectionString, string stateDirectory, IReadOnlyList<SchemaScript> scripts, CancellationToken ct)
    {
        var described = Describe(connectionString);
        var ours = Ours(connectionString);
        var source = NpgsqlDataSource.Create(ours);
        try
        {
            await MigrateAsync(source, ours, scripts, described, ct);
            return new PostgresStateDatabase(source, stateDirectory, described);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>The connection string with Greenlight's schema first on the search path and the server-side limits.</summary>
    private static string Ours(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        SearchPath = Schema,
        ApplicationName = "greenlight",
        Options = $"-c idle_in_transaction_session_timeout={(int)IdleInTransaction.TotalMilliseconds}",
    }.ConnectionString;

    /// <summary>host:port/database as user: what a message may say about a connection string.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"postgres://{(b.Username is { } user ? user + "@" : "")}{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "a PostgreSQL connection string that could not be read";
        }
    }

    public NpgsqlConnection CreateConnection() => _source.CreateConnection();

    public ValueTask<NpgsqlConnection> OpenConnectionAsync() => _source.OpenConnectionAsync();

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction, the only way this store writes. Once a lease was granted
    /// here, its first statement checks, under a share lock on the lease row, that the lease still carries the
    /// token granted and has not expired by the database's clock; otherwise nothing is written and
    /// <see cref="StateFencedException"/> is thrown. The share lock makes a takeover (which updates the row) wait for
    /// the write to commit, and a write that comes after it see the new token: a write is either before the takeover
    /// or refused. <paramref name="commits"/>: <paramref name="write"/> commits itself (the audit chain does).
    /// </summary>
    public async Task<T> TransactAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, bool commits = false)
    {
        await using var db = await _source.OpenConnectionAsync();
        await using var tx = await db.BeginTransactionAsync();
        await FenceAsync(db, tx);
        var result = await write(db, tx);
        if (!commits)
            await tx.CommitAsync();
        return result;
    }

    private async Task FenceAsync(NpgsqlConnection db, NpgsqlTransaction tx)
    {
        var token = Interlocked.Read(ref _token);
        if (token == 0)
            return;
        var held = await db.QuerySingleOrDefaultAsync<bool?>(
            "SELECT token = @token AND expires_at > clock_timestamp() FROM controller_lease WHERE id = 1 FOR SHARE", new { token }, tx);
        if (held != true)
            throw new StateFencedException($"This controller's lease (token {token}) on {Described} expired or was taken over: it writes nothing more.");
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
