using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class PipelineSection
{
    public static PipelineSpec? Read(NodeReader r, string baseDirectory)
    {
        var workingDirectory = Path.GetFullPath(r.Optional("workingDirectory", Scalars.NonEmptyText, "."), baseDirectory);
        var stageNames = new HashSet<string>(StringComparer.Ordinal);
        var stepNames = new HashSet<string>(StringComparer.Ordinal);
        var stages = r.List("stages", (stage, _) => ReadStage(stage, workingDirectory, stageNames, stepNames), nonEmpty: true);
        return new PipelineSpec(stages);
    }

    private static PipelineStage? ReadStage(NodeReader r, string workingDirectory, ISet<string> stageNames, ISet<string> stepNames)
    {
        var name = r.Required("name", ManifestValues.Name);
        if (name is not null && !stageNames.Add(name))
            r.Report("name", $"found \"{name}\" a second time", "a name no other stage uses");
        var steps = r.List("steps", (step, _) => PipelineStepSection.Read(step, workingDirectory, name, stepNames), nonEmpty: true);
        return name is null ? null : new PipelineStage(name, steps);
    }
}
