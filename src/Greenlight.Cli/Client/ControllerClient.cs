using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;
using Greenlight.Server.Hosting;

namespace Greenlight.Cli.Client;

/// <summary>
/// The CLI's view of a running controller's API. While a command follows a release it may set
/// <see cref="ReconnectFor"/>: a controller that stops answering (restarted, say) is then looked for again,
/// from its files in <c>.greenlight/</c>, until one answers or that limit has passed.
/// </summary>
internal sealed class ControllerClient(ControllerFiles? files, HttpClient http, TimeProvider time, TimeSpan timeout) : IRolloutSource, IReleaseSource
{
    /// <summary>As the controller's API writes it: enums by name, durations in the manifest's notation.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(), new DurationJson() } };

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(2);

    private HttpClient _http = http;

    /// <summary>How long reads wait for the controller to answer again; zero fails at once (exit 5).</summary>
    public TimeSpan ReconnectFor { get; set; }

    /// <summary>The app every request names (<c>?app=</c>); null while the controller releases one app.</summary>
    public string? App { get; init; }

    /// <summary>
    /// The controller to talk to, in this order: the profile named by <paramref name="profile"/> (<c>--profile</c>, else
    /// GREENLIGHT_PROFILE) when one is named; else the local controller of <paramref name="path"/> (its address and the
    /// admin token in <c>.greenlight/</c>); else the <c>default</c> profile of `greenlight login`.
    /// </summary>
    /// <param name="path">A manifest, a workspace file or a workspace directory: its controller's files are in .greenlight/.</param>
    /// <param name="timeout">How long one request may take; the default suits every call but those whose work the
    /// controller bounds itself (stopping an app: draining its route, then each revision's stop timeout).</param>
    public static ControllerClient Connect(string path, string? app = null, TimeSpan? timeout = null, string? profile = null)
    {
        var files = ControllerFiles.ForManifest(path);
        var limit = timeout ?? DefaultTimeout;
        var named = profile ?? (Environment.GetEnvironmentVariable(Profiles.Variable) is { Length: > 0 } variable ? variable : null);
        if (named is not null)
        {
            var chosen = Profiles.TryLoad(named) ?? throw new CliException(ExitCodes.NoController,
                $"no profile {named} ({Profiles.PathOf(named)}): store it with `greenlight login --controller <url> --profile {named}`");
            return FromProfile(chosen, limit, app);
        }
        if (files.TryRead() is { } found)
            return new ControllerClient(files, Http(found.Address, found.Token, limit), TimeProvider.System, limit) { App = app };
        return Profiles.TryLoad(Profiles.Default) is { } fallback ? FromProfile(fallback, limit, app) : throw NotRunning(files);
    }

    /// <summary>A remote controller is not looked for again in local files: it has none here.</summary>
    private static ControllerClient FromProfile(Profile profile, TimeSpan timeout, string? app) =>
        new(null, Http(new Uri(profile.Controller), profile.Token, timeout), TimeProvider.System, timeout) { App = app };

    /// <summary>A client of <paramref name="address"/> with <paramref name="token"/>, as `login` checks a token before storing it.</summary>
    public static ControllerClient At(Uri address, string token) => new(null, Http(address, token, DefaultTimeout), TimeProvider.System, DefaultTimeout);

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static HttpClient Http(Uri address, string token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public Task<Rollout> GetAsync(string id, CancellationToken ct) => GetAsync<Rollout>($"v1/rollouts/{Uri.EscapeDataString(id)}", ct);

    public async Task<IReadOnlyList<RolloutEvent>> EventsAsync(string id, long afterId, CancellationToken ct) =>
        await GetAsync<List<RolloutEvent>>($"v1/rollouts/{Uri.EscapeDataString(id)}/events?after={afterId}", ct);

    public Task<Core.Delivery.Release> GetReleaseAsync(string id, CancellationToken ct) =>
        GetAsync<Core.Delivery.Release>($"v1/releases/{Uri.EscapeDataString(id)}", ct);

    public async Task<IReadOnlyList<RolloutEvent>> ReleaseEventsAsync(string id, long afterId, CancellationToken ct) =>
        await GetAsync<List<RolloutEvent>>($"v1/releases/{Uri.EscapeDataString(id)}/events?after={afterId}", ct);

    public async Task<PipelineRun?> PipelineAsync(string runId, CancellationToken ct) =>
        await GetAsync<PipelineRun>($"v1/pipelines/{Uri.EscapeDataString(runId)}", ct);

    public async Task<(string Text, long Next)> PipelineLogAsync(string runId, int step, long offset, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v1/pipelines/{Uri.EscapeDataString(runId)}/steps/{step}/log?offset={offset}"), true, ct);
        if (!response.IsSuccessStatusCode)
            throw new CliException(ExitCodes.Error, await ErrorOf(response, ct));
        var next = response.Headers.TryGetValues("X-Next-Offset", out var values) ? long.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture) : offset;
        return (await response.Content.ReadAsStringAsync(ct), next);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, path), true, ct);

    /// <summary>Never sent twice: a request the controller may have received could otherwise act twice.</summary>
    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, false, ct);

    /// <summary>Never sent twice, like <see cref="PostAsync{T}"/>.</summary>
    public Task<T> DeleteAsync<T>(string path, CancellationToken ct) => SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Delete, path), false, ct);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, bool repeatable, CancellationToken ct)
    {
        using (var response = await SendAsync(request, repeatable, ct))
        {
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
            var error = await ErrorOf(response, ct);
            throw new CliException(response.StatusCode switch
            {
                HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => ExitCodes.Rejected,
                _ => ExitCodes.Error,
            }, error);
        }
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>(Json, ct);
            return body?.Error ?? $"controller answered {(int)response.StatusCode}";
        }
        catch (JsonException)
        {
            return $"controller answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, bool repeatable, CancellationToken ct)
    {
        DateTimeOffset? lost = null;
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                var response = await _http.SendAsync(NamingApp(request()), ct);
                if (lost is { } since)
                    Console.Error.WriteLine($"reconnected to the controller at {_http.BaseAddress} after {(time.GetUtcNow() - since).TotalSeconds:0.0} s");
                if (LeaderOf(response) is not { } leader)
                    return response;
                // A follower refused before doing anything, so even a change is safe to send again, to the leader.
                Console.Error.WriteLine($"the controller at {_http.BaseAddress} follows; sending to the leader at {leader}");
                response.Dispose();
                FollowTo(leader);
                return await _http.SendAsync(NamingApp(request()), ct);
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
                                                   || e.InnerException is System.Net.Sockets.SocketException or IOException)
            {
                if (!repeatable || ReconnectFor <= TimeSpan.Zero)
                    throw new CliException(ExitCodes.NoController,
                        $"no controller answers at {_http.BaseAddress}: start one with `greenlight up` in the manifest's directory");
                if (lost is null)
                    Console.Error.WriteLine($"the controller at {_http.BaseAddress} stopped answering; waiting up to {ReconnectFor.TotalSeconds:0} s for it to come back");
                lost ??= time.GetUtcNow();
                if (time.GetUtcNow() - lost >= ReconnectFor)
                    throw new CliException(ExitCodes.NoController,
                        $"no controller answered for {ReconnectFor.TotalSeconds:0} s (the reconnect limit, --reconnect-timeout); the release goes on whenever `greenlight up` runs again: `greenlight status` shows it");
                await Task.Delay(wait, time, ct);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetry.Ticks));
                Reload();
            }
        }
    }

    /// <summary>The leader a follower of a failover group named in its refusal; null for any other answer.</summary>
    private Uri? LeaderOf(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable
        && response.Headers.TryGetValues(Server.Hosting.Failover.FailoverRole.LeaderHeader, out var values)
        && Uri.TryCreate(values.FirstOrDefault(), UriKind.Absolute, out var leader) && leader != _http.BaseAddress
            ? leader : null;

    /// <summary>The leader shares the follower's store, so the same token is valid there.</summary>
    private void FollowTo(Uri leader)
    {
        var token = _http.DefaultRequestHeaders.Authorization!.Parameter!;
        _http.Dispose();
        _http = Http(leader, token, timeout);
    }

    /// <summary>A path that names its app itself (a lane of an app with environments, say) keeps it.</summary>
    private HttpRequestMessage NamingApp(HttpRequestMessage request)
    {
        var uri = request.RequestUri!.OriginalString;
        if (App is not null && !uri.Contains("?app=", StringComparison.Ordinal) && !uri.Contains("&app=", StringComparison.Ordinal))
        {
            request.RequestUri = new Uri($"{uri}{(uri.Contains('?') ? '&' : '?')}app={Uri.EscapeDataString(App)}", UriKind.Relative);
        }
        return request;
    }

    /// <summary>A restarted controller listens elsewhere: its files say where (a missing file: none runs yet).</summary>
    private void Reload()
    {
        if (files is null)
            return;
        (Uri Address, string Token)? found;
        try
        {
            found = files.TryRead();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return; // being rewritten by the controller that starts: read again on the next try
        }
        if (found is null || found.Value.Address == _http.BaseAddress)
            return;
        _http.Dispose();
        _http = Http(found.Value.Address, found.Value.Token, timeout);
    }

    private static CliException NotRunning(ControllerFiles files) => new(ExitCodes.NoController,
        $"no controller is running for {files.StateDirectory}: start one with `greenlight up` (it keeps the release running after this command returns), or `greenlight login` to a remote one");

    private sealed record ErrorBody(string? Error);
}

/// <summary>A failure the CLI reports as one line and an exit code, never a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
