using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Greenlight.Cli.Tests.Auth;

/// <summary>A state directory of an earlier version: its token file (64 hex digits, no user behind it).</summary>
public sealed class UpgradedController : InProcessController
{
    public const string Earlier = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    protected override string? EarlierToken => Earlier;
}

public sealed class UpgradeTests(UpgradedController controller) : IClassFixture<UpgradedController>
{
    [Fact]
    public async Task TokenFileOfAnEarlierVersion_BecomesTheAdminsToken_AndIsNotReplaced()
    {
        using var local = controller.Client(UpgradedController.Earlier);

        var who = await local.GetFromJsonAsync<JsonElement>("v1/whoami");
        using var status = await local.GetAsync("v1/status");

        Assert.Null(controller.Host.FirstToken);
        Assert.Equal("admin", who.GetProperty("name").GetString());
        Assert.Equal("admin", who.GetProperty("roles")[0].GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(UpgradedController.Earlier, (await File.ReadAllTextAsync(Path.Combine(controller.StateDirectory, "token"))).Trim());
    }
}
