using System.Text.Json;
using Greenlight.Cli.Tests.Support;


namespace Greenlight.Cli.Tests.Commands;

/// <summary>A real controller (`greenlight up`) and its admin token from its first start, shared by the cases below.</summary>
public sealed class LoginFixture : IAsyncLifetime
{
    internal CliWorkspace Workspace { get; } = new();

    public Task InitializeAsync() => Workspace.StartControllerAsync();

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// `greenlight login` profiles, each case's in a config directory of its own (XDG_CONFIG_HOME), and who may do what,
/// through the CLI. The cases of a class run one after the other, so each may set the shared workspace's environment.
/// </summary>
public sealed class LoginCommandTests : IClassFixture<LoginFixture>, IDisposable
{
    private readonly CliWorkspace _workspace;
    private readonly string _config = Directory.CreateTempSubdirectory("greenlight-config-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("greenlight-elsewhere-").FullName;

    public LoginCommandTests(LoginFixture fixture)
    {
        _workspace = fixture.Workspace;
        _workspace.Environment["XDG_CONFIG_HOME"] = _config;
    }

    private string Url => JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.Directory, ".greenlight", "controller.json"))).RootElement.GetProperty("Url").GetString()!;

    private string TokenFile => Path.Combine(_workspace.Directory, ".greenlight", "token");

    /// <summary>--file of a directory with no controller of its own: only a profile can lead to one.</summary>
    private string[] FromElsewhere => ["--file", Path.Combine(_elsewhere, "greenlight.yaml")];

    public void Dispose()
    {
        Directory.Delete(_config, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    [Fact]
    public async Task Up_OnFirstStart_PrintsTheAdminTokenOnce_AndKeepsItOwnerOnly()
    {
        var token = (await File.ReadAllTextAsync(TokenFile)).Trim();

        Assert.StartsWith("glt_", token);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile));
        Assert.Single(_workspace.ControllerOutput, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_WithTheTokenOnStdin_StoresAnOwnerOnlyProfile_ThatCommandsWithoutALocalControllerUse()
    {
        var login = await _workspace.RunWithInputAsync(await File.ReadAllTextAsync(TokenFile), "login", "--controller", Url);
        var users = await _workspace.RunAsync(["users", "list", "-o", "json", .. FromElsewhere]);

        Assert.True(login.ExitCode == 0, login.Stderr);
        Assert.Contains("as admin (admin on */*)", login.Stdout);
        var profile = Path.Combine(_config, "greenlight", "profiles", "default.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profile));
        Assert.True(users.ExitCode == 0, users.Stderr);
        Assert.Equal("admin", JsonDocument.Parse(users.Stdout).RootElement[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Login_WithAWrongToken_IsRefused_AndStoresNothing()
    {
        var wrong = Path.Combine(_elsewhere, "wrong");
        await File.WriteAllTextAsync(wrong, "glt_not-a-token");

        var login = await _workspace.RunAsync("login", "--controller", Url, "--token-file", wrong);

        Assert.Equal(2, login.ExitCode);
        Assert.Contains("not authenticated: the token is not known to this controller", login.Stderr);
        Assert.DoesNotContain("glt_not-a-token", login.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_config, "greenlight", "profiles")));
    }

    [Fact]
    public async Task Profile_IsUsedWhenNamed_TheLocalControllerOtherwise()
    {
        // A profile of a controller that is not there: used only when asked for.
        var profiles = Directory.CreateDirectory(Path.Combine(_config, "greenlight", "profiles")).FullName;
        await File.WriteAllTextAsync(Path.Combine(profiles, "gone.json"), "{\"controller\": \"http://127.0.0.1:9/\", \"token\": \"glt_x\"}");
        await File.WriteAllTextAsync(Path.Combine(profiles, "default.json"), "{\"controller\": \"http://127.0.0.1:9/\", \"token\": \"glt_x\"}");

        var local = await _workspace.RunAsync("status", "-o", "json");
        var named = await _workspace.RunAsync("status", "--profile", "gone");
        var byVariable = await _workspace.RunWithAsync(new Dictionary<string, string> { ["GREENLIGHT_PROFILE"] = "gone" }, "status");
        var defaultElsewhere = await _workspace.RunAsync(["status", .. FromElsewhere]);
        var missing = await _workspace.RunAsync("status", "--profile", "nowhere");

        Assert.True(local.ExitCode == 0, local.Stderr);
        Assert.All([named, byVariable, defaultElsewhere], r =>
        {
            Assert.Equal(5, r.ExitCode);
            Assert.Contains("no controller answers at http://127.0.0.1:9/", r.Stderr);
        });
        Assert.Equal(5, missing.ExitCode);
        Assert.Contains("no profile nowhere", missing.Stderr);
    }

    [Fact]
    public async Task UsersAndTokens_GiveAServiceAccountARole_AndTakeItAwayAtOnce()
    {
        var name = "ci" + Guid.NewGuid().ToString("N")[..6];
        var create = await _workspace.RunAsync("users", "create", name, "--service");
        var grant = await _workspace.RunAsync("users", "grant", name, "viewer", "--app", "shop");
        var token = await _workspace.RunAsync("tokens", "create", "--for", name, "--expires", "7d", "-o", "json");
        var created = JsonDocument.Parse(token.Stdout).RootElement;
        var tokenFile = Path.Combine(_elsewhere, "ci-token");
        await File.WriteAllTextAsync(tokenFile, created.GetProperty("token").GetString());
        var login = await _workspace.RunAsync("login", "--controller", Url, "--token-file", tokenFile, "--profile", name);

        var reads = await _workspace.RunAsync(["status", "--profile", name, .. FromElsewhere]);
        var manages = await _workspace.RunAsync(["users", "list", "--profile", name, .. FromElsewhere]);
        var listed = await _workspace.RunAsync("tokens", "list", "--owner", name, "-o", "json");
        var revoke = await _workspace.RunAsync("tokens", "revoke", created.GetProperty("id").GetString()!);
        var afterRevoke = await _workspace.RunAsync(["status", "--profile", name, .. FromElsewhere]);

        Assert.All([create, grant, token, login, reads, listed, revoke], r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Contains($"{name} holds viewer on shop/*", grant.Stdout);
        Assert.Equal(name, created.GetProperty("owner").GetString());
        Assert.Equal(2, manages.ExitCode);
        Assert.Contains($"{name} may not manage users and tokens: that needs the admin role", manages.Stderr);
        var only = Assert.Single(JsonDocument.Parse(listed.Stdout).RootElement.EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetString(), only.GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Null, only.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, listed.Stdout);
        Assert.Equal(2, afterRevoke.ExitCode);
        Assert.Contains("was revoked", afterRevoke.Stderr);
    }
}
