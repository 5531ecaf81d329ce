using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Core.Rollouts;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight diff`: what changed between the manifests of two releases.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var to = new Argument<string>("release") { Description = "A rollout id (see `greenlight history`)" };
        var from = new Argument<string?>("other")
        {
            Description = "The rollout to compare with; without it, the release before <release>",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("diff", "What changed between two releases' manifests, with the git commit of each") { to, from };
        command.SetAction(async (result, ct) =>
        {
            var client = result.Connect();
            var newer = await client.GetAsync<Rollout>($"v1/rollouts/{Uri.EscapeDataString(result.GetValue(to)!)}", ct);
            var older = result.GetValue(from) is { } id
                ? await client.GetAsync<Rollout>($"v1/rollouts/{Uri.EscapeDataString(id)}", ct)
                : await PreviousAsync(client, newer, ct);
            var (a, b) = (await ManifestOf(client, older, ct), await ManifestOf(client, newer, ct));
            var changes = a.Digest == b.Digest ? [] : ManifestDiff.Lines(a.Text!, b.Text!);
            if (result.IsJson())
            {
                CommonOptions.WriteJson(new { from = Side(older, a), to = Side(newer, b), identical = a.Digest == b.Digest, changes });
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine($"[red]--- {Render.Esc(Title(older, a))}[/]");
            AnsiConsole.MarkupLine($"[green]+++ {Render.Esc(Title(newer, b))}[/]");
            if (changes.Count == 0)
                AnsiConsole.MarkupLine("the manifests are identical");
            var last = 0;
            foreach (var c in changes)
            {
                if (c.Line > last + 1 && c.Kind != "removed")
                    AnsiConsole.MarkupLine($"[blue]@@ line {c.Line} @@[/]");
                AnsiConsole.MarkupLine(c.Kind switch
                {
                    "added" => $"[green]+{Render.Esc(c.Text)}[/]",
                    "removed" => $"[red]-{Render.Esc(c.Text)}[/]",
                    _ => $" {Render.Esc(c.Text)}",
                });
                if (c.Kind != "removed")
                    last = c.Line;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The newest release of the app created before <paramref name="release"/> (repairs are not releases).</summary>
    private static async Task<Rollout> PreviousAsync(ControllerClient client, Rollout release, CancellationToken ct)
    {
        var history = await client.GetAsync<List<Rollout>>("v1/rollouts?limit=500", ct);
        return history.Where(r => !r.Repair && r.CreatedAt < release.CreatedAt && r.ManifestDigest is not null).MaxBy(r => r.CreatedAt)
            ?? throw new CliException(ExitCodes.Rejected, $"{release.Id} is the first release with a recorded manifest: name the release to compare it with");
    }

    private static async Task<ManifestSnapshot> ManifestOf(ControllerClient client, Rollout release, CancellationToken ct)
    {
        var snapshot = await client.GetAsync<ManifestSnapshot>($"v1/rollouts/{Uri.EscapeDataString(release.Id)}/manifest", ct);
        return snapshot.Text is not null ? snapshot
            : throw new CliException(ExitCodes.Rejected, $"the manifest of {release.Id} was built in code by the host that released it: it has no text to compare");
    }

    private static object Side(Rollout r, ManifestSnapshot m) =>
        new { rollout = r.Id, version = r.RevisionName, digest = m.Digest, file = m.File, commit = m.Commit, uncommitted = m.Uncommitted };

    private static string Title(Rollout r, ManifestSnapshot m) =>
        $"{r.Id} {r.RevisionName} manifest {ManifestSnapshot.Short(m.Digest)} {m.File}" +
        (m.Commit is { } c ? $" commit {c[..Math.Min(12, c.Length)]}{(m.Uncommitted ? " + uncommitted changes" : "")}" : " (not in git)");
}
