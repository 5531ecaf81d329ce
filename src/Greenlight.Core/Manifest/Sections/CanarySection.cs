using Greenlight.Core.Manifest.Reading;
using Greenlight.Core.Traffic;

namespace Greenlight.Core.Manifest.Sections;

internal static class CanarySection
{
    public static CanarySpec Read(NodeReader r)
    {
        var weights = new WeightTrail();
        var steps = r.List("steps", (step, _) => CanaryStepSection.Read(step, weights), nonEmpty: true);
        if (steps.Count > 0 && !weights.Seen)
        {
            r.Report("steps", "found no setWeight step", "at least one setWeight: without one the canary never receives traffic");
        }

        // Only present sections are read: absent means no sticky assignment and no tester route, not their defaults.
        var sticky = r.Has("sticky") ? r.Map("sticky", ReadSticky) : null;
        var headerRoute = r.Has("headerRoute") ? r.Map("headerRoute", ReadHeaderRoute) : null;
        var warmFor = r.Optional("warmFor", Scalars.DurationOrZero, TimeSpan.Zero);
        return new CanarySpec(steps, sticky, headerRoute, warmFor);
    }

    private static StickySpec ReadSticky(NodeReader r) => new(
        r.Optional("cookie", ManifestValues.CookieName, "gl-revision"),
        r.Optional("header", ManifestValues.HeaderName));

    private static HeaderRouteSpec ReadHeaderRoute(NodeReader r)
    {
        r.ExactlyOne("no header or cookie", "header", "cookie");
        var byCookie = r.Has("cookie");
        var value = r.Required("value", byCookie
            ? Scalars.String(HttpSyntax.IsCookieValue, "a cookie value: visible characters but for spaces, quotes, commas, semicolons and backslashes")
            : Scalars.String(HttpSyntax.IsHeaderValue, "a header value: visible characters, no spaces at either end"));
        return new HeaderRouteSpec(r.Optional("header", ManifestValues.HeaderName), r.Optional("cookie", ManifestValues.CookieName), value ?? "");
    }
}
