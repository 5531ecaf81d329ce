using Greenlight.Core.Checks;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Checks;

/// <summary>
/// Plays synthetic checks, the short user journeys of the manifest, against one base address: a revision directly
/// before the flip, the edge right after it. Give it an <see cref="HttpClient"/> without its own timeout (each check
/// has one) and without cookies, so that journeys stay independent of each other.
/// </summary>
public sealed class SyntheticCheckRunner(HttpClient http, TimeProvider time)
{
    /// <param name="host">The Host header to send instead of <paramref name="baseAddress"/>'s: the app's name on a listener
    /// that apps share by host name.</param>
    public async Task<CheckReport> RunAsync(IReadOnlyList<SyntheticCheck> checks, Uri baseAddress, CancellationToken ct, string? host = null)
    {
        // Journeys are independent, so they run side by side: after a flip, users are served until a failure is known.
        var results = await Task.WhenAll(checks.Select(check => RunCheckAsync(check, baseAddress, host, ct)));
        return new CheckReport(results.All(r => r.Passed), results);
    }

    private async Task<CheckResult> RunCheckAsync(SyntheticCheck check, Uri baseAddress, string? host, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(check.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string? step = null;
        string? reason = null;
        try
        {
            foreach (var current in check.Steps)
            {
                step = current.Name;
                reason = await RunStepAsync(current, baseAddress, host, variables, linked.Token);
                if (reason is not null)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Not ours when the HttpClient was given a timeout of its own.
            reason = timeout.IsCancellationRequested ? $"timeout after {DurationText.Format(check.Timeout)}" : "request timed out";
        }
        catch (HttpRequestException e)
        {
            reason = FailureText.Transport(e);
        }

        return new CheckResult(check.Name, reason is null, time.GetElapsedTime(started), reason is null ? null : step, reason);
    }

    private async Task<string?> RunStepAsync(CheckStep step, Uri baseAddress, string? host, Dictionary<string, string> variables, CancellationToken ct)
    {
        using var request = StepRequest.Create(step, baseAddress, variables);
        if (host is not null) request.Headers.Host = host;
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return StepResponse.Verify(step, (int)response.StatusCode, body, variables);
    }
}
