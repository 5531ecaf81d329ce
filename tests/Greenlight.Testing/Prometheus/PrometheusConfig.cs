using System.Text.Json.Nodes;

namespace Greenlight.Testing.Prometheus;

/// <summary>The configuration file of a test Prometheus.</summary>
internal static class PrometheusConfig
{
    /// <summary>
    /// Written as JSON, which is YAML too, so no YAML quoting can go wrong. One job per target, each
    /// with its own token. Every second, so that a test waits about a second for new counts.
    /// </summary>
    public static string Write(string directory, IEnumerable<ScrapeTarget> targets)
    {
        var jobs = new JsonArray();
        foreach (var target in targets)
        {
            var job = new JsonObject
            {
                ["job_name"] = $"target-{jobs.Count}",
                ["scrape_interval"] = "1s",
                ["scrape_timeout"] = "1s",
                ["metrics_path"] = target.MetricsPath,
                ["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(target.HostPort) }),
            };
            if (target.BearerTokenFile is { } token)
            {
                job["authorization"] = new JsonObject { ["type"] = "Bearer", ["credentials_file"] = Path.GetFullPath(token) };
            }

            jobs.Add(job);
        }

        var config = new JsonObject
        {
            ["global"] = new JsonObject { ["scrape_interval"] = "1s", ["evaluation_interval"] = "1s" },
            ["scrape_configs"] = jobs,
        };
        var path = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
