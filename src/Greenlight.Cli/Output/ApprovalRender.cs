using Greenlight.Engine.Approvals;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>What an approver must see of a release waiting for approval, as `status` prints it.</summary>
internal static class ApprovalRender
{
    public static void Review(IAnsiConsole console, ApprovalReview review)
    {
        console.MarkupLine($"[yellow]awaits approval for {Render.Esc(review.Environment)}[/]: {Render.Esc(review.Tally.Summary)}");
        foreach (var step in review.Pipeline?.Steps ?? [])
            console.MarkupLine($"  pipeline {Render.Esc(step.Name)}: {step.Status}"
                + (step.Tests is { } tests ? $", {Render.Esc(tests.ToString())}" : "")
                + (step.Findings.Count > 0 ? $", {step.Findings.Count} finding(s): {Render.Esc(string.Join("; ", step.Findings.Take(3)))}" : ""));
        foreach (var region in review.Serving)
            console.MarkupLine($"  {Render.Esc(review.Environment)}/{Render.Esc(region.Region)} serves {Render.Esc(region.Revision ?? "nothing yet")}: "
                + (region.Digest is null ? "no manifest to compare with"
                    : region.Changes.Count == 0 ? "same manifest"
                    : string.Join(", ", region.Changes.Where(c => c.Kind != "same").Select(c => $"{(c.Kind == "added" ? "+" : "-")}{c.Line}: {Render.Esc(c.Text.Trim())}"))));
        foreach (var stage in review.Previous)
            console.MarkupLine($"  {Render.Esc(stage.Environment)}: {stage.Phase}"
                + (stage.BakeVerdict is { } bake ? $", bake: {Render.Esc(bake)}" : "") + (stage.Approved is { } approved ? $", approved: {Render.Esc(approved)}" : ""));
    }
}
