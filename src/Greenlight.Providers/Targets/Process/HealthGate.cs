using System.Globalization;
using System.Net;
using Greenlight.Core.Targets;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Targets.Process;

/// <summary>Polls a starting revision's health endpoint until it answers 200, the process exits, or
/// <see cref="RevisionSpec.HealthTimeout"/> runs out.</summary>
internal sealed class HealthGate(TimeProvider time)
{
    private const string NoAnswer = "got no answer";

    // No proxy: an http_proxy in the controller's environment must not swallow loopback probes.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <returns>Null once healthy, otherwise why not, e.g. "health check GET /health answered 503 for 5s".</returns>
    public Task<string?> WaitAsync(OsProcess process, RevisionSpec spec, int port, CancellationToken cancellationToken) =>
        WaitAsync(process.WaitForExitAsync, () => Task.FromResult($"process exited with code {process.ExitCode} before becoming healthy"),
            spec, port, cancellationToken);

    /// <param name="waitForExit">Completes when the revision has exited (or the token given to it is cancelled).</param>
    /// <param name="whyExited">What to report once it has, e.g. its exit code.</param>
    public async Task<string?> WaitAsync(Func<CancellationToken, Task> waitForExit, Func<Task<string>> whyExited, RevisionSpec spec, int port,
        CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri($"http://127.0.0.1:{port}/"), spec.HealthPath);
        var started = time.GetTimestamp();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exited = waitForExit(done.Token);
        try
        {
            var observed = NoAnswer;
            while (!exited.IsCompleted)
            {
                var remaining = spec.HealthTimeout - time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    return $"health check GET {spec.HealthPath} {observed} for {Format(spec.HealthTimeout)}";
                }

                var answer = await ProbeAsync(url, remaining, cancellationToken);
                if (answer is null)
                {
                    return null;
                }

                // A probe that the deadline cut short within an interval tells nothing new: keep the
                // previous observation, so that a revision answering 503 is reported as answering 503.
                if (answer != NoAnswer || remaining >= spec.HealthInterval)
                {
                    observed = answer;
                }

                // Woken early by an exit, so that a crashing revision fails fast.
                var pause = spec.HealthInterval < remaining ? spec.HealthInterval : remaining;
                await Task.WhenAny(Task.Delay(pause, time, cancellationToken), exited);
                cancellationToken.ThrowIfCancellationRequested();
            }

            cancellationToken.ThrowIfCancellationRequested();
            return await whyExited();
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    private async Task<string?> ProbeAsync(Uri url, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var attempt = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, cancellationToken);
        try
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return response.StatusCode == HttpStatusCode.OK ? null : $"answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NoAnswer;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return "got no connection";
        }
        catch (HttpRequestException ex)
        {
            return $"failed ({ex.Message})";
        }
    }

    private static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m{duration.Seconds}s"),
    };
}
