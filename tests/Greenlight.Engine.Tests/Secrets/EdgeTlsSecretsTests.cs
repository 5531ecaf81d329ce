using System.Net.Security;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Core.Traffic;
using Greenlight.Engine.Tests.Support;
using Greenlight.Providers.Secrets.Store;
using Greenlight.Providers.Traffic.Edge;
using Greenlight.Testing;

namespace Greenlight.Engine.Tests.Secrets;

/// <summary><c>edge.tls</c> from the secret store: real shop, real edge serving HTTPS, real controller.</summary>
public sealed class EdgeTlsSecretsTests
{
    private static Func<AppManifest, AppManifest> TlsFromStore => m => m with
    {
        Strategy = new StrategySpec(new BlueGreenSpec(TimeSpan.Zero)),
        Checks = [], // they would speak plain HTTP to this HTTPS listener
        Edge = m.Edge with { Tls = new EdgeTls("store:shop/tls-cert", "store:shop/tls-key") },
    };

    [Fact]
    public async Task Deploy_CertificateAndKeyInTheStore_AreServed_AndARotationReachesTheNextConnectionAtTheNextDriftCheck()
    {
        await using var h = await ReleaseHarness.StartAsync(TlsFromStore);
        var store = new SecretStore(h.Workspace, TimeProvider.System);
        var first = TestCertificates.Create("localhost");
        store.Set("shop/tls-cert", first.Certificate);
        store.Set("shop/tls-key", first.Key);

        Assert.Equal(RolloutPhase.Completed, (await h.DeployAsync("1.0")).Phase);

        Assert.Equal((first.Thumbprint, "1.0"), await ServedAsync(h));
        var route = (await RouteAsync(h))!;
        var files = Path.Combine(h.Workspace, "edge-tls", h.Manifest.App);
        Assert.Equal((Path.Combine(files, "certificate.pem"), Path.Combine(files, "key.pem")), (route.Tls!.Certificate, route.Tls.Key));
        Assert.Equal(first.Key, await File.ReadAllTextAsync(route.Tls.Key, h.Cancellation));
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(route.Tls.Key));
        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(files));
        var edgeFiles = string.Concat(StoredFiles.Readable(Path.Combine(h.Workspace, "edge")).Select(File.ReadAllText));
        Assert.DoesNotContain(first.Key.Split('\n')[1], edgeFiles); // the edge has paths, never the key

        var second = TestCertificates.Create("localhost");
        store.Set("shop/tls-cert", second.Certificate, rotate: true);
        store.Set("shop/tls-key", second.Key, rotate: true);
        await h.Controller.DriftAsync(h.Cancellation);

        // The edge looks at the files at most once a second, on a new handshake.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await ServedAsync(h)).Thumbprint != second.Thumbprint && DateTime.UtcNow < deadline)
            await Task.Delay(100, h.Cancellation);
        Assert.Equal((second.Thumbprint, "1.0"), await ServedAsync(h));
    }

    [Fact]
    public async Task Deploy_KeyMissingFromTheStore_FailsTheReleaseNamingTheFieldAndReference_AndServesNothingHalfSet()
    {
        await using var h = await ReleaseHarness.StartAsync(TlsFromStore);
        var store = new SecretStore(h.Workspace, TimeProvider.System);
        var certificate = TestCertificates.Create("localhost");
        store.Set("shop/tls-cert", certificate.Certificate);

        var failed = await h.DeployAsync("1.0");

        Assert.Equal(RolloutPhase.Failed, failed.Phase);
        Assert.Contains($"edge.tls.key: store:shop/tls-key: shop/tls-key is not in the secret store {store.FilePath}", failed.Reason);
        Assert.Null(await RouteAsync(h));
        Assert.False(File.Exists(Path.Combine(h.Workspace, "edge-tls", h.Manifest.App, "certificate.pem")));
    }

    /// <summary>The app's route as the edge has it.</summary>
    private static Task<AppRoute?> RouteAsync(ReleaseHarness h) =>
        new EdgeConnection(h.Edge.AdminAddress, h.Edge.Token, Environment.ProcessId).CreateRouter().GetAsync(h.Manifest.App, h.Cancellation);

    /// <summary>The certificate a new connection is given, and the version that answers on it.</summary>
    private static async Task<(string Thumbprint, string Version)> ServedAsync(ReleaseHarness h)
    {
        string? thumbprint = null;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => (thumbprint = certificate?.GetCertHashString()) is not null,
            },
        });
        using var response = await http.GetAsync($"https://{h.Manifest.Edge.Listen}/", h.Cancellation);
        return (thumbprint!, response.Headers.GetValues("X-Shop-Version").Single());
    }
}
