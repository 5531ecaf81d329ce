using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Pipeline.TestReports;

/// <summary>What a step's TRX or JUnit files say: the counts, and which tests failed with the first line of why.</summary>
internal sealed record TestReport(TestCounts Counts, IReadOnlyList<string> Failures)
{
    public static TestReport Empty { get; } = new(new TestCounts(0, 0, 0, 0), []);

    public static TestReport operator +(TestReport a, TestReport b) => new(a.Counts + b.Counts, [.. a.Failures, .. b.Failures]);
}
