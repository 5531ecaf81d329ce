using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight approve` and `greenlight reject`: decide on a release that awaits approval. The controller enforces
/// who may (separation of duties); a refusal names the rule and exits 2.</summary>
internal static class ApprovalCommands
{
    public static Command Approve() => Create("approve", "Approve a release that awaits approval; it goes on once enough people approved");

    public static Command Reject() => Create("reject", "Reject a release that awaits approval: it ends Rejected, with your reason");

    private static Command Create(string action, string description)
    {
        var release = new Argument<string>("release") { Description = "The release (rs-…), as `deploy`, `status` or `history` print it" };
        var reason = new Option<string>("--reason") { Description = "Why; recorded with your decision on the release", Required = true };
        var command = new Command(action, description) { release, reason };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var id = result.GetValue(release)!;
            var decided = await client.PostAsync<Release>($"v1/releases/{Uri.EscapeDataString(id)}/{action}", new { reason = result.GetValue(reason) }, ct);
            var waiting = ReleaseRender.AwaitingApproval(decided);
            if (result.IsJson())
            {
                CommonOptions.WriteJson(new
                {
                    release = decided.Id, decided.Phase, awaitingApproval = waiting is not null, environment = waiting?.Environment,
                    waiting = waiting?.Reason, approvals = decided.Stages.SelectMany(s => s.Approvals.Select(a => new { environment = s.Environment, a.By, a.At, a.Reason })),
                    decided.Reason,
                });
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine(ReleaseRender.Outcome(decided) is var outcome && (waiting is not null || decided.IsTerminal) ? outcome
                : $"[green]✔ approved[/]: {Render.Esc(decided.Version)} goes on ({Render.Esc(decided.Stages.LastOrDefault(s => s.Approved is not null)?.Approved)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
