using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Engine.Control;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight status` of an app with environments: its newest release as a matrix, then what each region's lane serves.</summary>
internal static class ReleaseStatus
{
    public static async Task<int> ShowAsync(ControllerClient client, string app, bool json, CancellationToken ct)
    {
        var release = (await EnvironmentApps.ReleasesAsync(client, app, 1, ct)).FirstOrDefault();
        var regions = new List<StatusReport>();
        foreach (var lane in await EnvironmentApps.LanesAsync(client, app, ct))
            regions.Add(await client.GetAsync<StatusReport>($"v1/status?app={Uri.EscapeDataString(lane)}", ct));
        // What an approver must see comes with the release itself while it waits for approval.
        var approval = release is not null && ReleaseRender.AwaitingApproval(release) is not null
            ? (await client.GetAsync<ReleaseWithReview>($"v1/releases/{Uri.EscapeDataString(release.Id)}", ct)).Approval : null;
        if (json)
        {
            CommonOptions.WriteJson(new { app, release, approval, regions });
            return ExitCodes.Ok;
        }
        if (release is null)
            AnsiConsole.MarkupLine($"[bold]{Render.Esc(app)}[/]: no release yet");
        else
        {
            AnsiConsole.MarkupLine($"[bold]{Render.Esc(app)}[/] release {release.Id} of {Render.Esc(release.Version)} (manifest {Render.Digest(release.ManifestDigest)})"
                + $"{(release.Hotfix ? " [yellow](hotfix)[/]" : "")}: {ReleaseRender.PhaseOf(release)} since {Render.Time(release.UpdatedAt)}");
            ReleaseRender.Matrix(AnsiConsole.Console, release);
            if (approval is not null)
                ApprovalRender.Review(AnsiConsole.Console, approval);
            if (release.IsTerminal || ReleaseFollower.Waits(release))
                AnsiConsole.MarkupLine(ReleaseRender.Outcome(release));
        }
        regions.ForEach(StatusCommand.Print);
        return ExitCodes.Ok;
    }
}

/// <summary>The part of `GET /v1/releases/{id}` the release record does not hold.</summary>
internal sealed record ReleaseWithReview(Engine.Approvals.ApprovalReview? Approval);
