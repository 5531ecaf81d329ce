using System.Diagnostics;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;

namespace Greenlight.Cli.Demo;

/// <summary>The demo releases the real sample service from the source tree, built on the spot.</summary>
internal static class ShopSource
{
    /// <summary>Finds <c>samples/shop</c> above the working directory or the CLI's own location.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var shop = Path.Combine(dir.FullName, "samples", "shop");
                if (File.Exists(Path.Combine(shop, "Shop.csproj")))
                    return shop;
            }
        throw new CliException(ExitCodes.Error, "the demo needs the Greenlight source tree: run it from the repository (samples/shop not found)");
    }

    public static async Task BuildAsync(string shopDirectory, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet", ["build", Path.Combine(shopDirectory, "Shop.csproj"), "-c", "Release", "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(psi)!;
        var output = build.StandardOutput.ReadToEndAsync(ct);
        var errors = build.StandardError.ReadToEndAsync(ct);
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0)
            throw new CliException(ExitCodes.Error, $"building samples/shop failed:\n{await output}{await errors}");
    }
}
