using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Delivery;

/// <summary>
/// A lane is where one app's rollouts run: one region of one environment, with its own queue, revisions and route on
/// its region's edge. An app without environments has one lane named after the app, as it always had.
/// </summary>
public static class Lanes
{
    /// <summary>The manifest declares no environments of its own (or only the implicit one): one lane, the app's name.</summary>
    public static bool IsImplicit(AppManifest manifest) =>
        manifest.Environments is [{ Name: EnvironmentSpec.DefaultName, Regions: [{ Name: EnvironmentSpec.DefaultName }] }];

    /// <summary>App names have no '.', so the lane names app, environment and region unambiguously.</summary>
    public static string Id(string app, string environment, string region) => $"{app}.{environment}.{region}";

    /// <summary>The app, environment and region a lane's id names (<see cref="Id"/>; environment and region names have no
    /// '.' either); null for the lane of an app without environments.</summary>
    public static (string App, string Environment, string Region)? Parse(string lane) =>
        lane.Split('.') is [var app, var environment, var region] ? (app, environment, region) : null;

    /// <summary>How a release names a region: <c>environment/region</c>.</summary>
    public static string Key(string environment, string region) => $"{environment}/{region}";

    /// <summary>Every (environment, region) of the manifest, in promotion order.</summary>
    public static IEnumerable<(string Environment, string Region, EdgeSpec Edge)> Regions(AppManifest manifest) =>
        manifest.Environments.SelectMany(e => e.Regions.Select(r => (e.Name, r.Name, r.Edge)));

    /// <summary>A release's manifest as one lane runs it: the environment's overrides, the region's edge, the lane's name.</summary>
    public static AppManifest View(AppManifest manifest, string environment, string region) =>
        manifest.ForRegion(environment, region) with { App = Id(manifest.App, environment, region) };
}

/// <summary>The router of one region's edge: each region is its own blast radius, with its own edge process.</summary>
public delegate Core.Traffic.ITrafficRouter RegionRouters(string environment, string region);
