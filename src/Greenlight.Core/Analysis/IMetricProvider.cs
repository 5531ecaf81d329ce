namespace Greenlight.Core.Analysis;

/// <summary>
/// Where the numbers of one manifest metric come from (the edge, Prometheus, a JSON endpoint). Keyed
/// by <see cref="Name"/>; one instance per metric, built with that metric's settings.
/// </summary>
public interface IMetricProvider
{
    string Name { get; }

    /// <summary>
    /// Cumulative measurements of <paramref name="revision"/> as the source reports them now; the
    /// analysis subtracts the values it saw when it began. Throws when the source fails or answers
    /// something unusable: a failure is counted, never read as zero.
    /// </summary>
    Task<RevisionSample> MeasureAsync(string app, string revision, CancellationToken cancellationToken);
}
