using System.Net;
using System.Text.Json;
using Greenlight.Core.Access;
using Greenlight.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Greenlight.Cli.Tests.Auth;

/// <summary>
/// Every endpoint the controller maps, found through its <see cref="EndpointDataSource"/> (so that endpoints added later
/// are covered without touching this test), refuses an anonymous call with 401 and an under-privileged one with 403.
/// </summary>
public sealed class EndpointAccessTests(InProcessController controller) : IClassFixture<InProcessController>
{
    /// <summary>The only endpoints any authenticated caller may call, each for a reason; they act on the caller's own things,
    /// and refuse (403) what is someone else's unless the caller is an admin (see <see cref="SelfEndpoints_RefuseWhatIsAnothersToNonAdmins"/>).</summary>
    private static readonly Dictionary<string, string> AnyAuthenticated = new()
    {
        ["GET /v1/whoami"] = "says who the token is: how `greenlight login` checks a token",
        ["POST /v1/tokens"] = "everyone makes their own tokens (rotation); for another owner, admin",
        ["GET /v1/tokens"] = "everyone lists their own tokens; another's, admin",
        ["DELETE /v1/tokens/{id}"] = "everyone revokes their own token (a leak); another's, admin",
    };

    private IReadOnlyList<(string Method, string Route, AccessRequirement Requirement)> Endpoints() =>
        controller.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(method =>
                (method, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                 Assert.Single(e.Metadata.GetOrderedMetadata<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<AccessRequirement>()))))
            .ToList();

    [Fact]
    public void EveryEndpoint_DeclaresItsPermission_AndOnlyTheListedOnesAreOpenToAnyCaller()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} endpoints found");
        Assert.Equal(AnyAuthenticated.Keys.Order(),
            endpoints.Where(e => e.Requirement.Scope == AccessScope.Self).Select(e => $"{e.Method} {e.Route}").Order());
    }

    [Fact]
    public async Task EveryEndpoint_RefusesAnAnonymousCall_With401()
    {
        using var anonymous = controller.Client(null);
        foreach (var (method, route, _) in Endpoints())
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(route)));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route}: {(int)response.StatusCode}");
            Assert.Contains("not authenticated: no bearer token", await ErrorOf(response));
        }
    }

    [Fact]
    public async Task EveryEndpoint_RefusesACallerWithoutItsPermission_With403()
    {
        // Each holds every permission but the one it is refused.
        var callers = new Dictionary<Permission, (string Name, string Token)>
        {
            [Permission.Read] = await controller.UserAsync(),
            [Permission.Deploy] = await controller.UserAsync(("approver", "*", "*")),
            [Permission.Approve] = await controller.UserAsync(("deployer", "*", "*")),
            [Permission.Admin] = await controller.UserAsync(("deployer", "*", "*"), ("approver", "*", "*")),
        };
        foreach (var (method, route, requirement) in Endpoints().Where(e => e.Requirement.Scope != AccessScope.Self))
        {
            var (name, token) = callers[requirement.Permission];
            using var caller = controller.Client(token);
            using var response = await caller.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(route)));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {route} as {name}: {(int)response.StatusCode}");
            var error = await ErrorOf(response);
            Assert.StartsWith($"{name} may not", error);
            Assert.Contains($"needs the {Roles.LeastFor(requirement.Permission).Name()} role", error);
            Assert.DoesNotContain(token, error);
        }
    }

    [Fact]
    public async Task SelfEndpoints_RefuseWhatIsAnothersToNonAdmins()
    {
        var (_, token) = await controller.UserAsync(("deployer", "*", "*"), ("approver", "*", "*"));
        using var caller = controller.Client(token);
        using var admin = controller.Client(controller.AdminToken);
        var adminTokenId = JsonDocument.Parse(await admin.GetStringAsync("v1/whoami")).RootElement.GetProperty("tokenId").GetString();

        using var list = await caller.GetAsync("v1/tokens?owner=admin");
        using var create = await caller.PostAsync("v1/tokens", Json("{\"owner\": \"admin\"}"));
        using var revoke = await caller.DeleteAsync($"v1/tokens/{adminTokenId}");
        using var own = await caller.GetAsync("v1/tokens");

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK],
            [list.StatusCode, create.StatusCode, revoke.StatusCode, own.StatusCode]);
        Assert.Contains("needs the admin role", await ErrorOf(revoke));
    }

    [Fact]
    public async Task GrantOnAnotherApp_DoesNotLetACallerDeployThisOne()
    {
        var (name, token) = await controller.UserAsync(("deployer", "billing", "*"), ("viewer", "shop", "*"));
        using var caller = controller.Client(token);

        using var rollback = await caller.PostAsync("v1/rollback?app=shop", null);
        using var status = await caller.GetAsync("v1/status?app=shop");

        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        Assert.Contains($"{name} may not deploy, promote, abort or roll back on app shop", await ErrorOf(rollback));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task UnknownId_NeedsAGrantOnEveryApp_SoThatAScopedCallerLearnsNothingOfIt()
    {
        var (_, scoped) = await controller.UserAsync(("viewer", "shop", "*"));
        var (_, everywhere) = await controller.UserAsync(("viewer", "*", "*"));

        using var refused = await controller.Client(scoped).GetAsync("v1/releases/rs-unknown");
        using var notFound = await controller.Client(everywhere).GetAsync("v1/rollouts/r-unknown");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("may not read on every app", await ErrorOf(refused));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    /// <summary>The route with a made-up value for each parameter: refusals come before anything is looked up.</summary>
    private static string Concrete(string route) => System.Text.RegularExpressions.Regex.Replace(route, "\\{([a-z]+)[^}]*\\}", "x-$1").TrimStart('/');

    internal static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    internal static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString()!;
    }
}
