using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Tests.Notifications;

/// <summary>
/// A Slack, Teams or webhook endpoint for tests: Kestrel on a random 127.0.0.1 port, recording every request as it
/// arrives (before it answers, so that a sender killed mid-request has still delivered it once). What it answers is
/// the test's to choose; it can go down (its port refuses connections) and come back on the same port.
/// </summary>
internal sealed class NoticeReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Arrival> _arrivals = new();
    private readonly string _path = $"/hook/{Guid.NewGuid():N}";
    private WebApplication? _app;

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}{_path}");

    /// <summary>The answer to the nth request (from 1): a status and, for 429 and 503, a Retry-After in seconds.</summary>
    public Func<int, (int Status, int? RetryAfter)> Answer { get; set; } = _ => (200, null);

    /// <summary>When set, a request waits for it before being answered.</summary>
    public Task? Hold { get; set; }

    public IReadOnlyList<Arrival> Arrivals => [.. _arrivals];

    public static async Task<NoticeReceiver> StartAsync()
    {
        var receiver = new NoticeReceiver();
        await receiver.ListenAsync(0);
        return receiver;
    }

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        _app = builder.Build();
        _app.MapPost(_path, async (HttpContext http) =>
        {
            var hold = Hold; // before the request is seen: a test that saw it arrive may clear Hold for the next ones
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _arrivals.Enqueue(new Arrival(headers, body));
            var (status, retryAfter) = Answer(_arrivals.Count);
            if (hold is not null)
                await hold.WaitAsync(http.RequestAborted);
            if (retryAfter is { } seconds)
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        Port = new Uri(_app.Urls.First()).Port;
    }

    /// <summary>Stops listening: connections to the port are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        await _app!.DisposeAsync();
        _app = null;
    }

    public Task StartAgainAsync() => ListenAsync(Port);

    /// <summary>Waits (in real time, bounded) until the arrivals satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<Arrival>> WaitAsync(Func<IReadOnlyList<Arrival>, bool> done, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (!done(Arrivals))
        {
            if (timeout.IsCancellationRequested)
                throw new TimeoutException($"the receiver got {Arrivals.Count} request(s): {string.Join(", ", Arrivals.Select(a => a.Type))}");
            await Task.Delay(20, CancellationToken.None);
        }
        return Arrivals;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}

/// <summary>One request as it arrived: lower-case header names, the body as sent.</summary>
internal sealed record Arrival(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Id => Headers.GetValueOrDefault("webhook-id");

    /// <summary>The webhook's <c>type</c>, Slack's header text or the Teams card's title: whatever names the event.</summary>
    public string Type => System.Text.Json.Nodes.JsonNode.Parse(Body) is { } json
        ? (string?)json["type"] is { } type && type != "message" ? type
        : json["blocks"]?[0]?["text"]?["text"]?.ToString() ?? json["attachments"]?[0]?["content"]?["body"]?[0]?["text"]?.ToString() ?? "?"
        : "?";

    /// <summary>Verifies the Standard Webhooks signature as a receiver would, with nothing of Greenlight's code.</summary>
    public bool SignatureIsValid(string whsec)
    {
        var key = Convert.FromBase64String(whsec["whsec_".Length..]);
        var signed = $"{Headers["webhook-id"]}.{Headers["webhook-timestamp"]}.{Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return Headers["webhook-signature"].Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s), Encoding.UTF8.GetBytes(expected)));
    }
}
