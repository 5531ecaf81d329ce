using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

public sealed class ReconcileManifestTests
{
    [Fact]
    public void Parse_NoReconcileKey_DriftIsOnlyReported() =>
        Assert.Equal(ReconcileMode.Off, ManifestLoader.Parse(Minimal, "greenlight.yaml").Manifest!.Reconcile);

    [Theory]
    [InlineData("auto", ReconcileMode.Auto)]
    [InlineData("Auto", ReconcileMode.Auto)]
    [InlineData("off", ReconcileMode.Off)]
    public void Parse_Reconcile_IsKept(string text, ReconcileMode mode) =>
        Assert.Equal(mode, ManifestLoader.Parse(With($"reconcile: {text}"), "greenlight.yaml").Manifest!.Reconcile);

    [Theory]
    [InlineData("reconcile: heal", "greenlight.yaml:6:12: reconcile: found \"heal\", expected auto or off")]
    [InlineData("reconcile: 1", "greenlight.yaml:6:12: reconcile: found \"1\", expected auto or off")]
    [InlineData("reconcile: [auto]", "greenlight.yaml:6:12: reconcile: found a list, expected auto or off")]
    [InlineData("reconcil: auto", "greenlight.yaml:6:1: reconcil: unknown key (did you mean \"reconcile\"?), expected one of app, run, health, edge, strategy, analysis, database, pipeline, checks, secrets, environments, kubernetes, reconcile, notifications")]
    public void Parse_BadReconcile_SaysWhereAndWhatIsExpected(string line, string expected) =>
        Assert.Equal([expected], Errors(With(line)));
}
