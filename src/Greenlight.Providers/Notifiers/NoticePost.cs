using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Greenlight.Core.Notifications;

namespace Greenlight.Providers.Notifiers;

/// <summary>One POST of a JSON body to a channel, and what its answer means for retrying. The URL never enters a
/// reason: for Slack and Teams it is the secret.</summary>
internal static class NoticePost
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<SendResult> SendAsync(HttpClient http, Uri url, string body, Action<HttpRequestHeaders>? headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        headers?.Invoke(request.Headers);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            return Classify(response);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(false, $"no answer within {Timeout.TotalSeconds:0}s");
        }
        catch (HttpRequestException e)
        {
            // The exception's message names the host and port; the error kind says enough and names nothing.
            return new SendResult(false, $"the request failed ({e.HttpRequestError})");
        }
    }

    /// <summary>2xx is delivered. 408, 429 and 5xx are retried (429 and 503 after their <c>Retry-After</c>); any other
    /// answer means the request itself is refused (a revoked URL, a bad body), which no retry changes.</summary>
    private static SendResult Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
            return SendResult.Ok;
        var problem = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
        var retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? RetryAfter(response) : null;
        var permanent = status is >= 400 and < 500 and not (408 or 429);
        return new SendResult(false, problem, retryAfter, permanent);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
