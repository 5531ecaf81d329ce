using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

public sealed class ManifestLoaderTests
{
    private const string Full = """
        app: shop
        run:
          command: dotnet
          args: [Shop.dll, "--version=${version}"]
          workingDirectory: bin
          env: {SHOP_VERSION: "${version}", SHOP_MODE: demo}
          stopTimeout: 5s
        health:
          path: /healthz
          timeout: 1m
          interval: 250ms
        edge:
          listen: 127.0.0.1:8080
        strategy:
          blueGreen:
            warmFor: 1h30m
        checks:
          - name: shopper
            timeout: 20s
            steps:
              - name: login
                method: post
                path: /login
                headers: {X-Trace: journey}
                body: '{"user":"demo"}'
                expect:
                  status: 201
                  bodyContains: token
                  json: {"$.user": demo, "$.admin": false}
                  jsonExists: ["$.token"]
                capture: {token: "$.token"}
              - path: /cart/${token}
        """;

    [Fact]
    public void Parse_FullManifest_ReturnsExpectedModel()
    {
        var result = ManifestLoader.Parse(Full, "/srv/shop/greenlight.yaml");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var manifest = result.Manifest;
        Assert.Equal("shop", manifest.App);
        Assert.Equal("/srv/shop", manifest.BaseDirectory);
        Assert.Equal("dotnet", manifest.Run.Command);
        Assert.Equal(["Shop.dll", "--version=${version}"], manifest.Run.Args);
        Assert.Equal("/srv/shop/bin", manifest.Run.WorkingDirectory);
        Assert.Equal(new Dictionary<string, string> { ["SHOP_VERSION"] = "${version}", ["SHOP_MODE"] = "demo" }, manifest.Run.Environment);
        Assert.Equal(TimeSpan.FromSeconds(5), manifest.Run.StopTimeout);
        Assert.Equal(new HealthSpec("/healthz", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(250)), manifest.Health);
        Assert.Equal(new EdgeSpec("127.0.0.1:8080"), manifest.Edge);
        Assert.Equal(new BlueGreenSpec(TimeSpan.FromMinutes(90)), manifest.Strategy.BlueGreen);

        var check = Assert.Single(manifest.Checks);
        Assert.Equal(("shopper", TimeSpan.FromSeconds(20)), (check.Name, check.Timeout));
        Assert.Equal(2, check.Steps.Count);
        var login = check.Steps[0];
        Assert.Equal(("login", "POST", "/login", "{\"user\":\"demo\"}"), (login.Name, login.Method, login.Path, login.Body));
        Assert.Equal(new Dictionary<string, string> { ["X-Trace"] = "journey" }, login.Headers);
        Assert.Equal(201, login.Expect.Status);
        Assert.Equal("token", login.Expect.BodyContains);
        Assert.Equal(new Dictionary<string, string> { ["$.user"] = "demo", ["$.admin"] = "false" }, login.Expect.Json);
        Assert.Equal(["$.token"], login.Expect.JsonExists);
        Assert.Equal(new Dictionary<string, string> { ["token"] = "$.token" }, login.Capture);
        var cart = check.Steps[1];
        Assert.Equal(("step 2", "GET", "/cart/${token}", null, 200), (cart.Name, cart.Method, cart.Path, cart.Body, cart.Expect.Status));
    }

    [Fact]
    public void Parse_MinimalManifest_AppliesDefaults()
    {
        var manifest = ManifestLoader.Parse(ManifestText.Minimal, "/srv/shop/greenlight.yaml").GetOrThrow();

        Assert.Equal(("dotnet", "/srv/shop", TimeSpan.FromSeconds(10)), (manifest.Run.Command, manifest.Run.WorkingDirectory, manifest.Run.StopTimeout));
        Assert.Empty(manifest.Run.Args);
        Assert.Empty(manifest.Run.Environment);
        Assert.Equal(new HealthSpec("/health", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)), manifest.Health);
        Assert.Equal(new BlueGreenSpec(TimeSpan.FromHours(24)), manifest.Strategy.BlueGreen);
        Assert.Empty(manifest.Checks);
    }

    [Fact]
    public void Parse_EmptySections_AppliesTheirDefaults()
    {
        var manifest = ManifestLoader.Parse(ManifestText.With("health:\nstrategy:\n  blueGreen:\nchecks:\n"), "greenlight.yaml").GetOrThrow();

        Assert.Equal("/health", manifest.Health.Path);
        Assert.Equal(TimeSpan.FromHours(24), manifest.Strategy.BlueGreen?.WarmFor);
        Assert.Empty(manifest.Checks);
    }

    [Fact]
    public void Load_FileOnDisk_UsesItsDirectoryAsBase()
    {
        var directory = Directory.CreateTempSubdirectory("greenlight-manifest-");
        try
        {
            var path = Path.Combine(directory.FullName, "greenlight.yaml");
            File.WriteAllText(path, ManifestText.Minimal);

            var manifest = ManifestLoader.Load(path).GetOrThrow();

            Assert.Equal(directory.FullName, manifest.BaseDirectory);
            Assert.Equal(directory.FullName, manifest.Run.WorkingDirectory);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFile_ReportsItCannotBeRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "greenlight.yaml");

        var error = Assert.Single(ManifestLoader.Load(path).Errors);

        Assert.StartsWith($"{path}: cannot read the file: ", error.ToString());
    }

    [Fact]
    public void GetOrThrow_InvalidManifest_ThrowsWithEveryError()
    {
        var result = ManifestLoader.Parse("app: Shop\nrun: {}\n", "greenlight.yaml");

        var exception = Assert.Throws<ManifestException>(result.GetOrThrow);

        Assert.Equal(result.Errors, exception.Errors);
        Assert.Equal(3, exception.Errors.Count);
        Assert.Equal(string.Join(Environment.NewLine, result.Errors), exception.Message);
    }
}
