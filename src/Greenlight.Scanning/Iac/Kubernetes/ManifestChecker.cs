using Greenlight.Scanning.Iac.Rules;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>Runs the container rules over one object, honouring its allow annotations.</summary>
internal static class ManifestChecker
{
    public static IEnumerable<IacFinding> Check(string file, KubeObject o, RuleCatalog rules)
    {
        var allow = AllowAnnotations.Read(o, rules);
        var objectLine = o.Root.Line();
        return allow.Problems.Select(p => p.ToFinding(rules.MalformedAllow, file, o.Resource, objectLine))
            .Concat(
                from container in ContainerSpec.Of(o)
                from rule in rules.Containers
                where !allow.Allowed.Contains(rule.Id)
                from hit in rule.Check(container)
                select hit.ToFinding(rule, file, o.Resource, objectLine));
    }
}
