using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>One managed resource instance from a plan's planned_values.</summary>
/// <param name="Address">Full instance address, e.g. <c>module.storage.aws_s3_bucket.logs[0]</c>.</param>
/// <param name="ModulePath">Module of the resource without instance keys (<c>module.storage</c>), empty at the root.</param>
/// <param name="ConfigAddress">The resource block it comes from, as the configuration names it (<c>module.storage.aws_s3_bucket.logs</c>).</param>
/// <param name="Values">Planned attribute values; values unknown until apply are absent.</param>
/// <param name="Line">1-based line where the resource's object starts in the plan file.</param>
internal sealed record PlanResource(
    string Address, string Type, string ModulePath, string ConfigAddress, JsonElement Values, int Line);
