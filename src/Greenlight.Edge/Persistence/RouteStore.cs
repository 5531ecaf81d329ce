using System.Text.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Persistence;

/// <summary>routes.json: the whole route table, rewritten atomically on every change, read back at start.</summary>
internal sealed class RouteStore(string path)
{
    public string Path => path;

    public Task SaveAsync(IEnumerable<AppRoute> routes, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(
            new RoutesDocument(1, [.. routes.OrderBy(r => r.App, StringComparer.Ordinal)]), Json.Options), cancellationToken);

    /// <summary>The saved routes; a file that does not parse or validate stops the edge rather than dropping routes.</summary>
    public async Task<IReadOnlyList<AppRoute>> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return [];
        RoutesDocument? document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await JsonSerializer.DeserializeAsync<RoutesDocument>(stream, Json.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid route table: {e.Message}", e);
        }

        var routes = document?.Routes ?? [];
        foreach (var route in routes)
        {
            var errors = AppRouteValidator.Validate(route?.App ?? "", route);
            if (errors.Count > 0)
                throw new InvalidDataException($"{path}: route '{route?.App}': {string.Join("; ", errors.Select(e => $"{e.Field} {e.Reason}"))}");
        }

        return routes;
    }

    internal sealed record RoutesDocument(int Version, IReadOnlyList<AppRoute> Routes);
}
