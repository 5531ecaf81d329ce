using Greenlight.Core.Checks;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class CheckSection
{
    /// <param name="names">Names of the checks read so far, shared by all checks of the manifest.</param>
    public static SyntheticCheck? Read(NodeReader r, ISet<string> names)
    {
        var name = r.Required("name", Scalars.NonEmptyText);
        if (name is not null && !names.Add(name))
        {
            r.Report("name", $"found \"{name}\" a second time", "a name no other check uses");
        }

        var timeout = r.Optional("timeout", Scalars.Duration, TimeSpan.FromSeconds(10));
        var captured = new List<string>();
        var steps = r.List("steps", (step, index) => StepSection.Read(step, index, captured), nonEmpty: true);
        return name is null ? null : new SyntheticCheck(name, timeout, steps);
    }
}
