namespace Greenlight.Core.Analysis;

/// <summary>
/// A metric provider whose source keeps history (Prometheus): it can measure a revision as the source saw it at a past
/// moment. A bake compares the new revision with the previous one as it stood at the flip, when the previous revision
/// stopped serving; a provider without history cannot give that number once the flip is past.
/// </summary>
public interface IMetricHistory
{
    /// <summary>Like <see cref="IMetricProvider.MeasureAsync"/>, as the source reported the numbers at <paramref name="at"/>.</summary>
    Task<RevisionSample> MeasureAtAsync(string app, string revision, DateTimeOffset at, CancellationToken cancellationToken);
}
