using Greenlight.Scanning.Iac.Rules;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>
/// Inline exceptions on an object: <c>greenlight.dev/allow-IAC005: "reason"</c> in its metadata.annotations
/// silences that rule for that object only. A missing reason or unknown id silences nothing and is itself reported.
/// </summary>
internal sealed record AllowAnnotations(IReadOnlySet<string> Allowed, IReadOnlyList<RuleHit> Problems)
{
    public const string Prefix = "greenlight.dev/allow-";

    public static AllowAnnotations Read(KubeObject o, RuleCatalog rules)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<RuleHit>();
        var annotations = o.Root.Child("metadata").Child("annotations");
        foreach (var (key, value) in annotations.Pairs())
        {
            if (key.Text() is not { } name || !name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var id = name[Prefix.Length..].ToUpperInvariant();
            var path = $"metadata.annotations[\"{name}\"]";
            if (!rules.CanBeAllowed(id))
                problems.Add(new RuleHit(path, $"'{name}' names no rule that can be allowed, so it silences nothing", key.Line()));
            else if (string.IsNullOrWhiteSpace(value.Text()))
                problems.Add(new RuleHit(path, $"'{name}' needs a reason as its value (why the exception is safe), so it silences nothing", key.Line()));
            else
                allowed.Add(id);
        }
        return new AllowAnnotations(allowed, problems);
    }
}
