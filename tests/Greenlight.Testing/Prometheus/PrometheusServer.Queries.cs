using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Greenlight.Testing.Prometheus;

public sealed partial class PrometheusServer
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    // No proxy: an http_proxy in the environment must not swallow loopback requests.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Runs an instant query and returns its <c>data</c> (<c>resultType</c> and <c>result</c>).</summary>
    /// <exception cref="InvalidOperationException">Prometheus refused the query.</exception>
    public async Task<JsonElement> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var root = await GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        return root.GetProperty("status").GetString() == "success"
            ? root.GetProperty("data")
            : throw new InvalidOperationException($"prometheus refused {promql}: {root.GetRawText()}");
    }

    /// <summary>Waits until <paramref name="promql"/> returns a series (or a scalar); returns its <c>data</c>.</summary>
    /// <exception cref="TimeoutException">Still no data after <paramref name="timeout"/> (default 20 s); the message shows the scrape targets' health.</exception>
    public Task<JsonElement> WaitForDataAsync(string promql, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitAsync(promql, data => data.GetProperty("resultType").GetString() == "scalar" || data.GetProperty("result").GetArrayLength() > 0,
            timeout, cancellationToken);

    /// <summary>Waits until <paramref name="promql"/> returns one number (a scalar or a single series) that satisfies <paramref name="until"/>.</summary>
    /// <exception cref="TimeoutException">Not so after <paramref name="timeout"/> (default 20 s); the message shows the last answer and the targets.</exception>
    public async Task<double> WaitForValueAsync(string promql, Func<double, bool> until, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SingleNumber(await WaitAsync(promql, data => SingleNumber(data) is { } value && until(value), timeout, cancellationToken))!.Value;

    private async Task<JsonElement> WaitAsync(string promql, Func<JsonElement, bool> done, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var data = await QueryAsync(promql, cancellationToken);
            if (done(data)) return data;
            if (clock.Elapsed > limit)
            {
                var targets = await TargetsAsync(cancellationToken);
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"prometheus: {promql} still answered {data.GetProperty("result").GetRawText()} after {limit.TotalSeconds:0}s; targets: {targets}"));
            }

            // Scrapes come every second: a tenth of that keeps waits short without hammering.
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Each target's health and last scrape error, e.g. a 401 from an edge given the wrong token.</summary>
    private async Task<string> TargetsAsync(CancellationToken cancellationToken)
    {
        var targets = (await GetAsync("api/v1/targets", cancellationToken)).GetProperty("data").GetProperty("activeTargets");
        var described = targets.EnumerateArray().Select(target =>
            $"{target.GetProperty("scrapeUrl").GetString()} {target.GetProperty("health").GetString()} {target.GetProperty("lastError").GetString()}".TrimEnd());
        return targets.GetArrayLength() == 0 ? "none yet" : string.Join("; ", described);
    }

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(Address, path), cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.Clone();
    }

    private static double? SingleNumber(JsonElement data)
    {
        var result = data.GetProperty("result");
        var sample = data.GetProperty("resultType").GetString() switch
        {
            "scalar" => result,
            "vector" when result.GetArrayLength() == 1 => result[0].GetProperty("value"),
            _ => (JsonElement?)null,
        };
        return sample is { } s && double.TryParse(s[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
