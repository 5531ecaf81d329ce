using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Pipeline;

/// <summary>
/// What a pipeline run verified: the pipeline as defined, and the source tree it ran on. A later release may
/// skip its own run only when both are the same, so an edited pipeline or tree is never vouched for by an old run.
/// </summary>
internal static class PipelineIdentity
{
    public static string Definition(PipelineSpec pipeline)
    {
        var text = new StringBuilder();
        foreach (var (stage, step) in pipeline.Steps)
            text.Append(stage.Name).Append('\n').Append(step.Name).Append('\n').Append(step.Timeout).Append('\n')
                .Append(step.WorkingDirectory).Append('\n').Append(JsonSerializer.Serialize(step.Action, step.Action.GetType())).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary><c>git:&lt;commit&gt;</c> when <paramref name="directory"/> is in a git work tree with nothing
    /// uncommitted (Greenlight's own state directory aside); null otherwise, because then the tree cannot be named.</summary>
    public static async Task<string?> SourceAsync(string directory, CancellationToken ct)
    {
        var commit = await Sources.GitCommand.RunAsync(directory, ct, "rev-parse", "HEAD");
        if (commit is null)
            return null;
        var changes = await Sources.GitCommand.RunAsync(directory, ct, "status", "--porcelain", "--", ".", ":(exclude).greenlight");
        return changes is "" ? $"git:{commit}" : null;
    }
}
