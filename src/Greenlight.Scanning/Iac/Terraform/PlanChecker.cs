using Greenlight.Scanning.Iac.Rules;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>Runs the Terraform rules over every resource of a plan.</summary>
internal static class PlanChecker
{
    public static IEnumerable<IacFinding> Check(string file, TerraformPlan plan, RuleCatalog rules) =>
        from resource in plan.Resources
        from rule in rules.Terraform
        from hit in rule.Check(resource, plan)
        select hit.ToFinding(rule, file, resource.Address, resource.Line);
}
