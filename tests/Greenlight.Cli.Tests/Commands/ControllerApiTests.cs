using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>A real controller (`greenlight up` on a random loopback port), shared by the cases below.</summary>
public sealed class ControllerFixture : IAsyncLifetime
{
    internal CliWorkspace Workspace { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Workspace.StartControllerAsync();
        var state = Path.Combine(Workspace.Directory, ".greenlight");
        using var endpoint = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "controller.json")));
        Http = new HttpClient { BaseAddress = new Uri(endpoint.RootElement.GetProperty("Url").GetString()!) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(state, "token"))).Trim());
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Every malformed request is answered with JSON naming the parameter or field and what it expects.</summary>
public sealed class ControllerApiTests(ControllerFixture controller) : IClassFixture<ControllerFixture>
{
    [Theory]
    [InlineData("POST", "v1/deployments", "application/json", "{\"version\": ", 400, "body", "is not valid JSON")]
    [InlineData("POST", "v1/deployments", "application/json", "{\"version\": 5}", 400, "version", "must be a string")]
    [InlineData("POST", "v1/deployments", "application/json", "{\"version\": \"1.0\", \"hotfix\": \"yes\"}", 400, "hotfix", "must be true or false")]
    [InlineData("POST", "v1/deployments", "application/json", "{\"versio\": \"1.0\"}", 400, "versio", "is not a known field")]
    [InlineData("POST", "v1/deployments", "application/json", "[\"1.0\"]", 400, "body", "must be a JSON object")]
    [InlineData("POST", "v1/deployments", "application/json", "{}", 400, "version", "is missing")]
    [InlineData("POST", "v1/deployments", "text/plain", "{\"version\": \"1.0\"}", 415, "Content-Type", "must be application/json")]
    [InlineData("GET", "v1/rollouts?limit=abc", null, null, 400, "limit", "must be an integer")]
    [InlineData("GET", "v1/pipelines?limit=1.5", null, null, 400, "limit", "must be an integer")]
    [InlineData("POST", "v1/promote?full=maybe", null, null, 400, "full", "must be true or false")]
    [InlineData("GET", "v1/rollouts/r1/events?after=last", null, null, 400, "after", "must be an integer")]
    [InlineData("GET", "v1/pipelines/p1/steps/first/log", null, null, 400, "step", "must be an integer")]
    [InlineData("GET", "v1/pipelines/p1/steps/1/log?offset=-x", null, null, 400, "offset", "must be an integer")]
    public async Task MalformedRequest_IsAnsweredWithTheFieldAndWhatItExpects(
        string method, string path, string? contentType, string? body, int status, string field, string reason)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);

        using var response = await controller.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = answer.RootElement.GetProperty("error").GetString()!;
        Assert.Contains(field, error);
        var named = Assert.Single(answer.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, named.GetProperty("field").GetString());
        Assert.Contains(reason, named.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("GET", "v1/nothing-here", HttpStatusCode.NotFound, "no endpoint GET /v1/nothing-here")]
    [InlineData("DELETE", "v1/status", HttpStatusCode.MethodNotAllowed, "DELETE is not allowed on /v1/status")]
    public async Task RequestNoEndpointTakes_IsAnsweredWithWords(string method, string path, HttpStatusCode status, string error)
    {
        using var response = await controller.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(error, answer.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WellFormedQuery_StillWorks()
    {
        using var response = await controller.Http.GetAsync("v1/rollouts?limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }
}
