using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac.Rules;

/// <summary>A rule over the resources of a Terraform plan; the plan is there to resolve related resources.</summary>
internal interface ITerraformRule : IIacRule
{
    IEnumerable<RuleHit> Check(PlanResource resource, TerraformPlan plan);
}
