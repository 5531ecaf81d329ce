using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Greenlight.Testing.Prometheus;

/// <summary>
/// Debian's real Prometheus on a random loopback port, with its configuration and storage in a temp
/// directory, scraping the given targets every second. Dispose kills it and deletes the directory.
/// </summary>
public sealed partial class PrometheusServer : IDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private const int Attempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly string directory;
    private readonly OutputTail output = new();

    private PrometheusServer(string directory, string config, int port)
    {
        this.directory = directory;
        Address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--storage.tsdb.retention.time=1h",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The base address of its HTTP API and UI, e.g. <c>http://127.0.0.1:39123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts Prometheus and returns once <c>/-/ready</c> answers.</summary>
    /// <exception cref="InvalidOperationException">Prometheus is not installed or did not start (its last log lines say why).</exception>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<ScrapeTarget> targets, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"{Executable} is missing: these tests run Debian's real Prometheus (sudo apt-get install prometheus; test.sh installs it)");
        }

        var directory = Directory.CreateTempSubdirectory("greenlight-prometheus-").FullName;
        try
        {
            var config = PrometheusConfig.Write(directory, targets);
            // The free port can be taken between picking it and Prometheus binding it: pick another.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PrometheusServer(directory, config, Ports.Free());
                var failure = await server.WaitReadyAsync(cancellationToken);
                if (failure is null) return server;

                server.Kill();
                if (attempt == Attempts || !server.output.Contains("address already in use"))
                {
                    throw new InvalidOperationException($"prometheus did not start: {failure}\n{server.output}");
                }
            }
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    /// <returns>Null once ready, otherwise why not.</returns>
    private async Task<string?> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed < StartTimeout)
            {
                if (process.HasExited)
                {
                    process.WaitForExit(); // drains the output, which says why
                    return $"it exited with code {process.ExitCode}";
                }

                try
                {
                    using var response = await Http.GetAsync(new Uri(Address, "-/ready"), cancellationToken);
                    if (response.IsSuccessStatusCode) return null;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(50, cancellationToken);
            }

            return $"not ready after {StartTimeout.TotalSeconds:0}s";
        }
        catch
        {
            Kill();
            throw;
        }
    }

    private void Kill()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
    }

}
