using System.Globalization;

namespace Shop;

/// <summary>The effective version and fault mode of this shop process.</summary>
/// <remarks>Precedence, lowest first: built-in defaults (healthy, no faults), the
/// <c>Releases:&lt;version&gt;</c> section of appsettings.json, explicit <c>Shop:*</c> settings.
/// The release section lets the demo run a "known bad" version with nothing but its number.</remarks>
internal sealed record ShopSettings(string Version, double ErrorRate, int LatencyMs, bool Healthy, int Seed)
{
    /// <summary>While a file is at this path, every shopping request fails: a revision that breaks while it runs.</summary>
    public string? FailFile { get; init; }

    private const string DefaultVersion = "1.0";

    public static ShopSettings From(IConfiguration config)
    {
        var version = config["Shop:Version"] ?? config["SHOP_VERSION"] ?? DefaultVersion;
        var release = ReleaseDefaults(config, version);
        var shop = config.GetSection("Shop");

        var errorRate = Read(shop, release, "ErrorRate", 0.0);
        if (errorRate is < 0 or > 1)
        {
            throw new ShopConfigurationException(
                $"Shop:ErrorRate must be between 0 and 1, found {errorRate.ToString(CultureInfo.InvariantCulture)}");
        }

        var latencyMs = Read(shop, release, "LatencyMs", 0);
        if (latencyMs < 0)
        {
            throw new ShopConfigurationException($"Shop:LatencyMs must be 0 or more, found {latencyMs}");
        }

        return new ShopSettings(version, errorRate, latencyMs, Read(shop, release, "Healthy", true), Read(shop, release, "Seed", 1))
        {
            FailFile = shop["FailFile"] is { Length: > 0 } file ? file : null,
        };
    }

    /// <summary>The release section for the version, else for its nearest dotted prefix,
    /// so that 2.1.3 inherits the defaults written for 2.1.</summary>
    private static IConfigurationSection? ReleaseDefaults(IConfiguration config, string version)
    {
        var releases = config.GetSection("Releases");
        for (var key = version; key.Length > 0; key = key[..Math.Max(0, key.LastIndexOf('.'))])
        {
            var section = releases.GetSection(key);
            if (section.Exists())
            {
                return section;
            }
        }

        return null;
    }

    private static T Read<T>(IConfigurationSection shop, IConfigurationSection? release, string key, T fallback)
        where T : struct
    {
        try
        {
            return shop.GetValue<T?>(key) ?? release?.GetValue<T?>(key) ?? fallback;
        }
        catch (InvalidOperationException ex)
        {
            throw new ShopConfigurationException($"Shop:{key} is not a valid {typeof(T).Name}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }
}

internal sealed class ShopConfigurationException(string message) : Exception(message);
