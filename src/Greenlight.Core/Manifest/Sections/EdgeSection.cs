using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class EdgeSection
{
    public static EdgeSpec? Read(NodeReader r) => r.Required("listen", ManifestValues.Listen) is { } listen ? new EdgeSpec(listen) : null;
}
