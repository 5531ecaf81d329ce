using Greenlight.Testing;
using System.Diagnostics;
using Greenlight.Providers.Tests.Support;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Tests.Shop;

public sealed class ShopStartupTests
{
    [Fact]
    public async Task Main_WithoutPort_ExitsWith2AndSaysWhy()
    {
        var (exitCode, error) = await RunShopAsync(("PORT", null));

        Assert.Equal(2, exitCode);
        Assert.Contains("set PORT", error);
    }

    [Fact]
    public async Task Main_ErrorRateOutOfRange_ExitsWith2AndSaysWhy()
    {
        var (exitCode, error) = await RunShopAsync(("PORT", "1"), ("Shop__ErrorRate", "1.5"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Shop:ErrorRate must be between 0 and 1, found 1.5", error);
    }

    /// <summary>Runs the shop to its exit; these configurations never get as far as listening.</summary>
    private static async Task<(int ExitCode, string Error)> RunShopAsync(params (string Name, string? Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(RepoPaths.ShopDll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var shop = OsProcess.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var error = shop.StandardError.ReadToEndAsync(timeout.Token);
            await shop.WaitForExitAsync(timeout.Token);
            return (shop.ExitCode, await error);
        }
        finally
        {
            shop.Kill();
        }
    }
}
