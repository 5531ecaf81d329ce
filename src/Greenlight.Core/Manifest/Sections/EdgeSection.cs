using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class EdgeSection
{
    /// <summary>The traffic routers an app may pick with <c>edge.router</c>.</summary>
    private static readonly Scalar<string> Routers = Scalars.OneOf(EdgeSpec.EdgeRouter, EdgeSpec.HaproxyRouter);

    public static EdgeSpec? Read(NodeReader r)
    {
        var listen = r.Required("listen", ManifestValues.Listen);
        var router = r.Optional("router", Routers, EdgeSpec.EdgeRouter);
        return listen is null ? null : new EdgeSpec(listen, router);
    }
}
