using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Secrets;
using Greenlight.Engine.State;
using Greenlight.Engine.Tests.Support;
using Greenlight.Providers.Secrets.Store;
using Greenlight.Testing;

namespace Greenlight.Engine.Tests.Secrets;

/// <summary>Secrets reach a real revision process as it starts, as variables or owner-only files, and nothing else.</summary>
public sealed class SecretInjectionTests
{
    private static readonly SecretsSpec Secrets = new(new Dictionary<string, SecretBinding>
    {
        ["SHOP_DB_PASSWORD"] = new(new SecretReference("store", "shop/db")),
        ["SHOP_TLS_KEY"] = new(new SecretReference("store", "shop/tls"), AsFile: true),
    });

    private readonly string _password = $"pw-{Guid.NewGuid():N}";
    private readonly string _tlsKey = $"-----BEGIN KEY-----\n{Guid.NewGuid():N}\n-----END KEY-----\n";

    [Fact]
    public async Task Deploy_StoreSecrets_TheProcessGetsTheValueAndAnOwnerOnlyFileThatGoesWhenItStops()
    {
        await using var h = await ReleaseHarness.StartAsync(m => m with { Secrets = Secrets });
        var store = new SecretStore(h.Workspace, TimeProvider.System);
        store.Set("shop/db", _password);
        store.Set("shop/tls", _tlsKey);

        Assert.Equal(RolloutPhase.Completed, (await h.DeployAsync("1.0")).Phase);
        var environment = Environ(Assert.Single(MarkedProcesses.Find("GREENLIGHT_APP", h.Manifest.App)));
        var file = Path.Combine(h.Workspace, "secret-files", h.Manifest.App, "1.0", "SHOP_TLS_KEY");

        Assert.Equal(_password, environment["SHOP_DB_PASSWORD"]);
        Assert.Equal(file, environment["SHOP_TLS_KEY"]);
        Assert.Equal(_tlsKey, await File.ReadAllTextAsync(file, h.Cancellation));
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(file));
        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.Equal([new SecretUse("SHOP_DB_PASSWORD", "store:shop/db", "1"), new SecretUse("SHOP_TLS_KEY", "store:shop/tls", "1")],
            await Recorded(h, "1.0"));

        // A rotation reaches the next revision, which records the new version; the previous one's record stays as it started.
        store.Set("shop/db", _password + "-2", rotate: true);
        Assert.Equal(RolloutPhase.Warm, (await h.DeployAsync("2.0")).Phase);
        Assert.Equal("2", (await Recorded(h, "2.0"))[0].Version);
        Assert.Equal("1", (await Recorded(h, "1.0"))[0].Version);

        await h.Controller.StopAllRevisionsAsync(h.Cancellation);
        Assert.False(Directory.Exists(Path.Combine(h.Workspace, "secret-files", h.Manifest.App, "1.0")));
        Assert.False(Directory.Exists(Path.Combine(h.Workspace, "secret-files", h.Manifest.App, "2.0")));
    }

    [Fact]
    public async Task Deploy_SecretThatCannotBeRead_FailsBeforeAnyProcessStartsAndSaysWhich()
    {
        await using var h = await ReleaseHarness.StartAsync(m => m with { Secrets = Secrets });
        var store = new SecretStore(h.Workspace, TimeProvider.System);
        store.Set("shop/db", _password);
        store.Set("shop/tls", _tlsKey);
        await h.DeployAsync("1.0");
        store.Remove("shop/db");

        var failed = await h.DeployAsync("2.0");

        Assert.Equal(RolloutPhase.Failed, failed.Phase);
        Assert.Contains($"secret SHOP_DB_PASSWORD: store:shop/db: shop/db is not in the secret store {store.FilePath}", failed.Reason);
        Assert.Empty(MarkedProcesses.Find("GREENLIGHT_REVISION", "2.0").Intersect(MarkedProcesses.Find("GREENLIGHT_APP", h.Manifest.App)));
        Assert.False(Directory.Exists(Path.Combine(h.Workspace, "secret-files", h.Manifest.App, "2.0")));
        Assert.Equal("1.0", await h.NextVersionAsync());
        var events = await h.Controller.GetEventsAsync(failed.Id, 0, h.Cancellation);
        Assert.All(events, e => Assert.DoesNotContain(_password, e.Message));
    }

    private static Task<IReadOnlyList<SecretUse>> Recorded(ReleaseHarness h, string version) =>
        new SqliteStateStore(Path.Combine(h.Workspace, "state.db"), TimeProvider.System).GetRevisionSecretsAsync(h.Manifest.App, version, h.Cancellation);

    private static Dictionary<string, string> Environ(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
}
