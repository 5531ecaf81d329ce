using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class HealthSection
{
    public static HealthSpec Read(NodeReader r) => new(
        r.Optional("path", ManifestValues.UrlPath, "/health"),
        r.Optional("timeout", Scalars.Duration, TimeSpan.FromSeconds(30)),
        r.Optional("interval", Scalars.Duration, TimeSpan.FromMilliseconds(200)))
    {
        FallbackToWarm = r.Optional("fallbackToWarm", Scalars.Bool, true),
    };
}
