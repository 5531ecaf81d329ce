using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Greenlight.Cli.Tests.Auth.EndpointAccessTests;

namespace Greenlight.Cli.Tests.Auth;

/// <summary>Tokens expire, are revoked at once, exist only as hashes, and wrong ones from one address are slowed down.</summary>
public sealed class TokenLifecycleTests(InProcessController controller) : IClassFixture<InProcessController>
{
    [Fact]
    public async Task Token_PastItsExpiry_IsRefusedWith401SayingSo()
    {
        var (name, _) = await controller.UserAsync(("viewer", "*", "*"));
        using var admin = controller.Client(controller.AdminToken);
        var created = await (await admin.PostAsJsonAsync("v1/tokens", new { owner = name, expires = "2h" })).Content.ReadFromJsonAsync<JsonElement>();
        using var caller = controller.Client(created.GetProperty("token").GetString());

        using var before = await caller.GetAsync("v1/status");
        controller.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        using var after = await caller.GetAsync("v1/status");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains($"token {created.GetProperty("id").GetString()} expired", await ErrorOf(after));
    }

    [Fact]
    public async Task Token_WithoutExpires_ExpiresAfterTheDefault90Days()
    {
        var (_, token) = await controller.UserAsync(("viewer", "*", "*"));
        using var caller = controller.Client(token);
        var listed = await caller.GetFromJsonAsync<JsonElement>("v1/tokens");

        var only = Assert.Single(listed.EnumerateArray());
        Assert.Equal(TimeSpan.FromDays(90), only.GetProperty("expiresAt").GetDateTimeOffset() - only.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(only.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task RevokedToken_IsRefusedOnTheVeryNextCall()
    {
        var (_, token) = await controller.UserAsync(("viewer", "*", "*"));
        using var caller = controller.Client(token);
        var id = (await caller.GetFromJsonAsync<JsonElement>("v1/whoami")).GetProperty("tokenId").GetString();

        using var revoked = await caller.DeleteAsync($"v1/tokens/{id}");
        using var next = await caller.GetAsync("v1/whoami");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        Assert.Contains($"token {id} was revoked", await ErrorOf(next));
    }

    [Fact]
    public async Task DisabledUser_LosesEveryTokenAtOnce()
    {
        var (name, token) = await controller.UserAsync(("deployer", "*", "*"));
        using var admin = controller.Client(controller.AdminToken);
        using var caller = controller.Client(token);

        using var disabled = await admin.PostAsync($"v1/users/{name}/disable", null);
        using var next = await caller.GetAsync("v1/status");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
    }

    [Fact]
    public async Task TokenValues_AreNowhereInTheStateStore_OnlyTheirHashes()
    {
        var (_, token) = await controller.UserAsync(("viewer", "*", "*"));
        using var caller = controller.Client(token);
        (await caller.GetAsync("v1/status")).EnsureSuccessStatusCode();

        var files = Directory.GetFiles(controller.StateDirectory, "state.db*");
        var stored = files.Select(f => File.ReadAllBytes(f)).ToList();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)));

        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        foreach (var value in new[] { token, controller.AdminToken })
            Assert.DoesNotContain(stored, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0);
        Assert.Contains(stored, bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(hash)) >= 0);
    }

    [Fact]
    public async Task WrongTokens_FromOneAddress_AreSlowedDownWith429AndRetryAfter()
    {
        // A right token clears the address of the wrong ones other tests of this class sent.
        (await controller.Client(controller.AdminToken).GetAsync("v1/status")).EnsureSuccessStatusCode();
        using var guesser = controller.Client("glt_" + new string('x', 43));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            answers.Add((await guesser.GetAsync("v1/status")).StatusCode);
        using var limited = await guesser.GetAsync("v1/status");
        using var rightTokenMeanwhile = await controller.Client(controller.AdminToken).GetAsync("v1/status");

        controller.Clock.Advance(TimeSpan.FromSeconds(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds));
        using var afterWaiting = await controller.Client(controller.AdminToken).GetAsync("v1/status");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter.Delta);
        Assert.Contains("try again in", await ErrorOf(limited));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightTokenMeanwhile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterWaiting.StatusCode);
    }
}
