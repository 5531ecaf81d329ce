using System.Text.Json;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight secrets`: values in through standard input only, and never out again.</summary>
public sealed class SecretsCommandTests
{
    private readonly string _value = $"pw-{Guid.NewGuid():N}";

    [Fact]
    public async Task SetRotateList_ValuesFromStandardInput_ListShowsPathsAndVersionsOnly()
    {
        using var ws = new CliWorkspace();

        var set = await ws.RunWithInputAsync(_value + "\n", "secrets", "set", "shop/db-password");
        var rotate = await ws.RunWithInputAsync(_value + "-2", "secrets", "rotate", "shop/db-password");
        var list = await ws.RunAsync("secrets", "list");
        var json = await ws.RunAsync("secrets", "list", "--output", "json");

        Assert.Equal((0, "✔ shop/db-password stored as version 1\n"), (set.ExitCode, set.Stdout));
        Assert.Equal(0, rotate.ExitCode);
        Assert.Contains("shop/db-password rotated to version 2 (was 1); running revisions keep version 1 until they start again", rotate.Stdout);
        Assert.Contains("shop/db-password", list.Stdout);
        var entry = Assert.Single(JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray());
        Assert.Equal(("shop/db-password", 2), (entry.GetProperty("path").GetString(), entry.GetProperty("version").GetInt32()));
        Assert.All(new[] { set, rotate, list, json }, r => Assert.DoesNotContain(_value, r.Stdout + r.Stderr));
    }

    [Fact]
    public async Task Set_EmptyInput_IsRefusedAndStoresNothing()
    {
        using var ws = new CliWorkspace();

        var refused = await ws.RunWithInputAsync("\n", "secrets", "set", "shop/db-password");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("error: no value for shop/db-password on standard input: pipe it in, such as `greenlight secrets set shop/db-password < file`\n", refused.Stderr);
        Assert.Equal("[]", (await ws.RunAsync("secrets", "list", "-o", "json")).Stdout.Trim());
    }

    [Fact]
    public async Task Rm_SetSecret_IsGone_AndASecondRmOrARotateOfItIsRefused()
    {
        using var ws = new CliWorkspace();
        await ws.RunWithInputAsync(_value, "secrets", "set", "shop/db-password");

        var removed = await ws.RunAsync("secrets", "rm", "shop/db-password");
        var again = await ws.RunAsync("secrets", "rm", "shop/db-password");
        var rotate = await ws.RunWithInputAsync(_value, "secrets", "rotate", "shop/db-password");

        Assert.Equal((0, "✔ shop/db-password removed (it was version 1)\n"), (removed.ExitCode, removed.Stdout));
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(2, rotate.ExitCode);
        Assert.Contains("nothing to rotate", rotate.Stderr);
    }

    [Fact]
    public async Task Set_PathOutsideTheStoreRules_IsRefused()
    {
        using var ws = new CliWorkspace();

        var refused = await ws.RunWithInputAsync(_value, "secrets", "set", "../outside");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("error: \"../outside\" is not a store path: expected a path of letters, digits, '.', '-' and '_' in segments joined by '/', such as shop/db-password\n", refused.Stderr);
    }
}
