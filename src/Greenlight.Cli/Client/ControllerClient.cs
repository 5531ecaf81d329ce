using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Cli.Output;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;
using Greenlight.Server.Hosting;

namespace Greenlight.Cli.Client;

/// <summary>The CLI's view of a running controller's API.</summary>
internal sealed class ControllerClient(HttpClient http) : IRolloutSource
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static ControllerClient Connect(string manifestPath)
    {
        var files = ControllerFiles.ForManifest(manifestPath);
        var found = files.TryRead() ?? throw NotRunning(files);
        var http = new HttpClient { BaseAddress = found.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", found.Token);
        return new ControllerClient(http);
    }

    public Task<Rollout> GetAsync(string id, CancellationToken ct) => GetAsync<Rollout>($"v1/rollouts/{Uri.EscapeDataString(id)}", ct);

    public async Task<IReadOnlyList<RolloutEvent>> EventsAsync(string id, long afterId, CancellationToken ct) =>
        await GetAsync<List<RolloutEvent>>($"v1/rollouts/{Uri.EscapeDataString(id)}/events?after={afterId}", ct);

    public async Task<PipelineRun?> PipelineAsync(string runId, CancellationToken ct) =>
        await GetAsync<PipelineRun>($"v1/pipelines/{Uri.EscapeDataString(runId)}", ct);

    public async Task<(string Text, long Next)> PipelineLogAsync(string runId, int step, long offset, CancellationToken ct)
    {
        using var response = await http.GetAsync($"v1/pipelines/{Uri.EscapeDataString(runId)}/steps/{step}/log?offset={offset}", ct);
        if (!response.IsSuccessStatusCode)
            throw new CliException(ExitCodes.Error, await ErrorOf(response, ct));
        var next = response.Headers.TryGetValues("X-Next-Offset", out var values) ? long.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture) : offset;
        return (await response.Content.ReadAsStringAsync(ct), next);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, ct);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException)
        {
            throw new CliException(ExitCodes.NoController,
                $"no controller answers at {http.BaseAddress}: start one with `greenlight up` in the manifest's directory");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
            var error = await ErrorOf(response, ct);
            throw new CliException(response.StatusCode switch
            {
                HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound => ExitCodes.Rejected,
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

    private static CliException NotRunning(ControllerFiles files) => new(ExitCodes.NoController,
        $"no controller is running for {files.StateDirectory}: start one with `greenlight up` (it keeps the release running after this command returns)");

    private sealed record ErrorBody(string? Error);
}

/// <summary>A failure the CLI reports as one line and an exit code, never a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
