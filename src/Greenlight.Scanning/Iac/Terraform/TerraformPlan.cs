namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>The managed resources of a plan, and how they refer to each other.</summary>
internal sealed class TerraformPlan(IReadOnlyList<PlanResource> resources, PlanConfiguration configuration)
{
    public IReadOnlyList<PlanResource> Resources { get; } = resources;

    /// <summary>Resources of <paramref name="type"/> whose <paramref name="attribute"/> designates <paramref name="target"/>.</summary>
    public IEnumerable<PlanResource> Referencing(PlanResource target, string type, string attribute) =>
        Resources.Where(r => r.Type == type && Designates(r, attribute, target));

    /// <summary>Resources of <paramref name="type"/> that <paramref name="source"/>'s <paramref name="attribute"/> designates.</summary>
    public IEnumerable<PlanResource> ReferencedBy(PlanResource source, string attribute, string type) =>
        Resources.Where(r => r.Type == type && Designates(source, attribute, r));

    private bool Designates(PlanResource source, string attribute, PlanResource target)
    {
        var references = configuration.References(source.ConfigAddress, attribute);
        if (references.Any(reference => ResourceAddress.Target(source.ModulePath, reference, target.Type) == target.ConfigAddress))
            return true;
        // A literal name (bucket = "acme-logs") is known at plan time even where no reference exists.
        return source.Values.String(attribute) is { } value
            && (value == target.Values.String(attribute) || value == target.Values.String("id"));
    }
}
