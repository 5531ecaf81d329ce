using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Greenlight.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's <c>postgresql</c> package: <c>initdb</c> into a temp
/// directory (as user <c>postgres</c> when the tests run as root: PostgreSQL refuses to run as root),
/// trust authentication, listening only on 127.0.0.1 at a random free port with its Unix socket in
/// the temp directory, fsync off. Dispose stops it (<c>pg_ctl stop -m immediate</c>) and deletes the
/// directory; the process exit does the same for a server a test forgot to dispose.
/// </summary>
/// <example>
/// <code>
/// using var pg = await PostgresServer.StartAsync();
/// var cs = await pg.CreateDatabaseAsync("orders"); // Host=127.0.0.1;Port=N;Username=postgres;Database=orders
/// </code>
/// </example>
public sealed class PostgresServer : IDisposable, IAsyncDisposable
{
    /// <summary>Set on the server processes (value: the cluster's directory), for <see cref="MarkedProcesses"/>.</summary>
    public const string MarkerVariable = "GREENLIGHT_TEST_POSTGRES";

    /// <summary>Overrides where initdb, pg_ctl and postgres are looked for.</summary>
    public const string BinDirectoryVariable = "GREENLIGHT_POSTGRES_BIN";

    private const string OsUser = "postgres";
    private const string Superuser = "postgres";
    private const int Attempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const string DirectoryPrefix = "greenlight-postgres-";
    private const string OwnerFile = "owner";
    private const int TailLines = 40;

    private readonly object stopLock = new();
    private readonly Queue<string> output = new();
    private Process? postmaster;
    private bool stopped;

    private PostgresServer(string binDirectory, string directory, int port, string version)
    {
        BinDirectory = binDirectory;
        Directory = directory;
        Port = port;
        Version = version;
        ConnectionString = ConnectionStringFor("postgres");
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnProcessExit;
    }

    /// <summary>Where initdb, pg_ctl and postgres came from, e.g. <c>/usr/lib/postgresql/15/bin</c>.</summary>
    public string BinDirectory { get; }

    /// <summary>The temp directory holding the data directory, the log and the Unix socket.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The server's version as <c>postgres --version</c> prints it, e.g. <c>postgres (PostgreSQL) 15.14</c>.</summary>
    public string Version { get; }

    /// <summary>Npgsql connection string for the default database <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Npgsql connection string for <paramref name="database"/> (which need not exist yet).</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>Finds PostgreSQL, creates a cluster and returns once it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">
    /// PostgreSQL is not installed (the message says how to install it), or the cluster did not start (the message holds its log).
    /// </exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        ReapOrphans(bin);
        var version = (await RunAsync(Path.Combine(bin, "postgres"), ["--version"], asPostgres: false, null, cancellationToken)).Trim();
        var directory = CreateDirectory();
        PostgresServer? server = null;
        try
        {
            var data = Path.Combine(directory, "data");
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                asPostgres: true, directory, cancellationToken);
            // Later settings win over initdb's: loopback only, socket in our directory, no durability (it is thrown away).
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

                # greenlight test fixture
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{directory}'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200
                log_min_messages = warning

                """, cancellationToken);

            // The free port can be taken between picking it and the server binding it: pick another.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                server = new PostgresServer(bin, directory, port, version);
                var failure = await server.TryStartAsync(cancellationToken);
                if (failure is null) return server;

                var log = server.LogTail();
                server.Stop(deleteDirectory: false);
                if (attempt == Attempts || !log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"postgres did not start in {directory}: {failure}\n--- log ---\n{log}");
                }
            }
        }
        catch
        {
            server?.Stop(deleteDirectory: false); // e.g. cancelled while waiting for it
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Creates database <paramref name="name"/> and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync($"CREATE DATABASE {QuoteIdentifier(name)}", cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Drops database <paramref name="name"/> if it exists, closing its connections first.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        // Our own idle pooled connections would otherwise hold it open.
        await using (var probe = new NpgsqlConnection(ConnectionStringFor(name))) NpgsqlConnection.ClearPool(probe);
        await ExecuteAsync($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> on the default database <c>postgres</c>.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The last lines the server logged (it logs to stderr: warnings and errors), to explain a failure.</summary>
    public string LogTail()
    {
        lock (output) return string.Join('\n', output);
    }

    public void Dispose() => Stop(deleteDirectory: true);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The directory holding initdb, pg_ctl and postgres: <c>$GREENLIGHT_POSTGRES_BIN</c>, else the newest
    /// <c>/usr/lib/postgresql/*/bin</c>, else wherever an <c>initdb</c> on the PATH (e.g. a /usr/local/bin symlink) points.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not installed; the message says how to install it.</exception>
    public static string FindBinDirectory()
    {
        static bool Complete(string dir) =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            return Complete(configured)
                ? configured
                : throw new InvalidOperationException($"{BinDirectoryVariable}={configured} holds no initdb, pg_ctl and postgres");
        }

        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = System.IO.Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(dir => (dir, version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Select(x => (bin: Path.Combine(x.dir, "bin"), x.version))
                .Where(x => Complete(x.bin))
                .OrderByDescending(x => x.version)
                .Select(x => x.bin)
                .FirstOrDefault();
            if (newest is not null) return newest;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/local/bin"))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (!File.Exists(initdb)) continue;
            var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
            if (Path.GetDirectoryName(target) is { } bin && Complete(bin)) return bin;
        }

        throw new InvalidOperationException(
            "PostgreSQL is not installed: these tests start a real throwaway PostgreSQL cluster and need initdb, pg_ctl and postgres " +
            "under /usr/lib/postgresql/<version>/bin (sudo apt-get install postgresql; test.sh installs it), " +
            $"or set {BinDirectoryVariable} to a directory holding them");
    }

    /// <returns>Null once the server accepts connections, otherwise why not.</returns>
    private async Task<string?> TryStartAsync(CancellationToken cancellationToken)
    {
        // The postmaster is our child (not daemonized by pg_ctl start), so we reap it and see it die early.
        var start = ProcessStart(Path.Combine(BinDirectory, "postgres"), ["-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture)],
            asPostgres: true, Directory);
        postmaster = new Process { StartInfo = start };
        postmaster.OutputDataReceived += (_, e) => Log(e.Data);
        postmaster.ErrorDataReceived += (_, e) => Log(e.Data);
        postmaster.Start();
        postmaster.BeginOutputReadLine();
        postmaster.BeginErrorReadLine();

        // Bounded: until it accepts a connection over TCP, as the tests will connect.
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < StartTimeout)
        {
            if (postmaster.HasExited)
            {
                postmaster.WaitForExit(); // drains the output, which says why
                return $"postgres exited with code {postmaster.ExitCode}";
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=5");
                await connection.OpenAsync(cancellationToken);
                return null;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                last = e;
            }

            await Task.Delay(50, cancellationToken);
        }

        return $"not accepting connections on {Host}:{Port} after {StartTimeout.TotalSeconds:0}s: {last?.Message}";
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > TailLines) output.Dequeue();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop(deleteDirectory: true);

    private void Stop(bool deleteDirectory)
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnProcessExit;
        lock (stopLock)
        {
            if (stopped) return;
            stopped = true;
        }

        if (postmaster is { } process)
        {
            if (!process.HasExited)
            {
                // Immediate: SIGQUIT to the postmaster, which takes its backends down with it (a SIGKILL would orphan them).
                StopCluster(BinDirectory, DataDirectory);
                if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            process.Dispose();
        }

        if (deleteDirectory) TryDelete(Directory);
    }

    private static void StopCluster(string bin, string data)
    {
        if (!File.Exists(Path.Combine(data, "postmaster.pid"))) return;
        try
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-w", "-t", "30", "-m", "immediate", "-D", data],
                asPostgres: true, Path.GetDirectoryName(data), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already down: nothing to stop.
        }
    }

    /// <summary>
    /// Stops and deletes the clusters of test processes that died without disposing them (killed, crashed): each
    /// cluster directory names its owner's pid and start time.
    /// </summary>
    private static void ReapOrphans(string bin)
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories(Parent(), DirectoryPrefix + "*"))
        {
            try
            {
                var owner = File.ReadAllText(Path.Combine(directory, OwnerFile)).Trim();
                var pid = int.Parse(owner.Split(' ')[0], CultureInfo.InvariantCulture);
                if (Identity(pid) == owner) continue; // alive
                StopCluster(bin, Path.Combine(directory, "data"));
                TryDelete(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
            {
                // Being created right now, or someone else's: leave it.
            }
        }
    }

    /// <summary>"pid starttime" (field 22 of /proc/pid/stat), which a reused pid does not repeat; null when gone.</summary>
    private static string? Identity(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"{pid.ToString(CultureInfo.InvariantCulture)} {fields[19]}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    // As root the server runs as postgres, which must reach the directory: /tmp, not a root-only TMPDIR.
    private static string Parent() => Environment.IsPrivilegedProcess ? "/tmp" : Path.GetTempPath();

    private static string CreateDirectory()
    {
        var directory = Path.Combine(Parent(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(directory, OwnerFile), Identity(Environment.ProcessId));
        if (Environment.IsPrivilegedProcess)
        {
            try
            {
                RunAsync("chown", [$"{OsUser}:{OsUser}", directory], asPostgres: false, null, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                TryDelete(directory);
                throw new InvalidOperationException(
                    $"running as root, the test PostgreSQL runs as OS user '{OsUser}' but could not be given {directory}: {e.Message} " +
                    "(Debian's postgresql package creates that user)", e);
            }
        }

        return directory;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: it is under /tmp.
        }
    }

    /// <summary>Runs a tool to completion (as OS user postgres when we are root) and returns its output.</summary>
    /// <exception cref="InvalidOperationException">It failed; the message holds its output.</exception>
    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, bool asPostgres, string? workingDirectory,
        CancellationToken cancellationToken)
    {
        var start = ProcessStart(tool, arguments, asPostgres, workingDirectory);
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"could not run {start.FileName}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }

        string text;
        lock (output) text = output.ToString();
        return process.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments)} exited with code {process.ExitCode}:\n{text.TrimEnd()}");
    }

    private static ProcessStartInfo ProcessStart(string tool, IReadOnlyList<string> arguments, bool asPostgres, string? workingDirectory)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            // setpriv execs the tool (same pid), keeps the environment (the marker below) and opens no PAM session, unlike runuser/su.
            start.FileName = "setpriv";
            foreach (var a in (string[])[$"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", "--", tool]) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = tool;
        }

        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (workingDirectory is not null) start.Environment[MarkerVariable] = workingDirectory;
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
