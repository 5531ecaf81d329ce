using Greenlight.Scanning.Iac.Kubernetes;
using Greenlight.Scanning.Iac.Terraform;

namespace Greenlight.Scanning.Iac.Rules;

/// <summary>
/// A secret written as a literal environment value lives in the repository, the plan and every API read of the
/// object. Findings name the variable and never the value: a report must not become the leak.
/// </summary>
internal sealed class PlainSecretEnvRule : IContainerRule, ITerraformRule
{
    public string Id => "IAC009";
    public string Title => "Secret in a plain environment variable";
    public IacSeverity Severity => IacSeverity.High;

    public IEnumerable<RuleHit> Check(ContainerSpec container) =>
        from entry in container.Node.Child("env").Items().Select((node, i) => (Node: node, Index: i))
        let name = entry.Node.Child("name").Text()
        let value = entry.Node.Child("value")
        where name is not null && IsLiteral(value.Text()) && SecretNames.LooksSecret(name)
        select new RuleHit($"{container.Path}.env[{entry.Index}].value",
            $"container '{container.Name}' sets {name} to a literal value: use valueFrom.secretKeyRef (or envFrom a Secret)",
            value!.Line());

    public IEnumerable<RuleHit> Check(PlanResource resource, TerraformPlan plan) =>
        from variable in EnvironmentVariable.Of(resource)
        where variable.Value.Length > 0 && SecretNames.LooksSecret(variable.Name)
        select new RuleHit(variable.Path,
            $"{variable.Name} is a literal value in the plan and in the function or task configuration: read it at runtime from Secrets Manager or SSM Parameter Store (ECS: 'secrets' with valueFrom)");

    // $(OTHER) is Kubernetes' dependent-variable syntax: it copies another variable, which is checked on its own.
    private static bool IsLiteral(string? value) =>
        !string.IsNullOrEmpty(value) && !(value.StartsWith("$(", StringComparison.Ordinal) && value.EndsWith(')'));
}
