namespace Greenlight.Core.Manifest;

public static class RunSpecExtensions
{
    /// <summary>The run spec of one revision: <c>${version}</c> in args, env values and the image replaced by <paramref name="version"/>.</summary>
    public static RunSpec ForVersion(this RunSpec run, string version)
    {
        string Expand(string text) => Placeholders.Expand(text, name => name == "version" ? version : null);
        return run with
        {
            Args = [.. run.Args.Select(Expand)],
            Environment = run.Environment.ToDictionary(e => e.Key, e => Expand(e.Value), StringComparer.Ordinal),
            Container = run.Container is { } container ? container with { Image = Expand(container.Image) } : null,
        };
    }
}
