using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>The top level of <c>greenlight.yaml</c>.</summary>
internal static class ManifestSection
{
    public static AppManifest? Read(NodeReader r, string baseDirectory)
    {
        var app = r.Required("app", ManifestValues.Name);
        var run = r.RequiredMap("run", section => RunSection.Read(section, baseDirectory));
        var health = r.Map("health", HealthSection.Read);
        var edge = r.Has("edge") ? r.RequiredMap("edge", e => EdgeSection.Read(e, baseDirectory, run?.Target == RunSpec.KubernetesTarget)) : null;
        var strategy = r.Map("strategy", StrategySection.Read);

        // Absent, the analysis is the built-in default; present, it is read whole and must list its metrics.
        var analysis = r.Has("analysis") ? r.Map("analysis", AnalysisSection.Read) : AnalysisSpec.Default;
        var database = r.Has("database") ? r.Map("database", section => DatabaseSection.Read(section, baseDirectory)) : null;
        var pipeline = r.Has("pipeline") ? r.Map("pipeline", section => PipelineSection.Read(section, baseDirectory)) : null;
        if (database is null && pipeline is not null && pipeline.Steps.Any(s => s.Step.Action is MigrationsLintAction))
            r.Report("pipeline", "found a migrations-lint step but no database section", "a database section naming the migrations to lint");
        var checkNames = new HashSet<string>(StringComparer.Ordinal);
        var checks = r.List("checks", (check, _) => CheckSection.Read(check, checkNames));
        var secrets = SecretsSection.Read(r, "secrets", run?.Environment ?? new Dictionary<string, string>(), baseDirectory);

        // With environments, the top-level edge is only the default of those that list no regions.
        var environments = r.Has("environments") ? EnvironmentsSection.Read(r, edge, baseDirectory) : null;
        var kubernetes = KubernetesSection.Read(r, run);
        KubernetesSection.RefuseUnroutable(r, run, strategy);
        if (environments is not null && kubernetes is not null)
            r.Report("environments", "found environments with run.target kubernetes",
                "no environments: a kubernetes app names one namespace, where the regions' revisions would overwrite one another's objects");
        var reconcile = r.Optional("reconcile", ManifestValues.Reconcile, ReconcileMode.Off);
        var notifications = NotificationsSection.Read(r, environments?.Select(e => e.Name).ToList() ?? [], baseDirectory);
        if (environments is null && notifications.Count > 0)
            r.Report("notifications", "found channels in a manifest without environments",
                "environments (one is enough): notifications tell of releases through environments, which an app without them does not make");
        // In a cluster the Gateway is the public edge: checks "through the edge" go to the route's first hostname.
        var gatewayEdge = kubernetes?.Hostnames.FirstOrDefault() is { } host ? new EdgeSpec(host + ":80") : null;
        var inCluster = run?.Target == RunSpec.KubernetesTarget || (run is null && r.Has("kubernetes")); // run unreadable: take its word
        if (environments is null && !r.Has("edge") && !inCluster)
            r.Report("edge", "missing required key", "a mapping, or environments whose regions have their own edge");
        var anyEdge = edge ?? environments?.FirstOrDefault()?.Regions.FirstOrDefault()?.Edge ?? gatewayEdge;
        return app is null || run is null || health is null || anyEdge is null || strategy is null || analysis is null
            ? null
            : new AppManifest(app, run, health, anyEdge, strategy, checks)
            {
                Analysis = analysis, Database = database, Pipeline = pipeline, Secrets = secrets, Reconcile = reconcile, BaseDirectory = baseDirectory,
                Environments = environments ?? [], Notifications = notifications, Kubernetes = kubernetes,
            };
    }
}
