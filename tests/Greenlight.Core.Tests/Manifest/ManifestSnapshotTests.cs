using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

public sealed class ManifestSnapshotTests
{
    [Fact]
    public void FromText_ValidManifest_IsAddressedByTheSha256OfItsText()
    {
        var result = ManifestSnapshot.FromText(ManifestText.Minimal, "/srv/shop/greenlight.yaml", "c0ffee");

        var snapshot = Assert.IsType<ManifestSnapshot>(result.Snapshot);
        // Computed independently: printf '%s' "<the five lines of ManifestText.Minimal>" | sha256sum
        Assert.Equal("e3821d9187e397e17e93df73997870fd9716d7ee8225fa026989e655f811d013", snapshot.Digest);
        Assert.Equal("shop", snapshot.Manifest!.App);
        Assert.Equal("/srv/shop/greenlight.yaml", snapshot.Manifest.SourceFile);
        Assert.Equal("c0ffee", snapshot.Commit);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void FromText_OneCharacterChanged_HasAnotherDigest() =>
        Assert.NotEqual(
            ManifestSnapshot.FromText(ManifestText.Minimal, "greenlight.yaml").Snapshot!.Digest,
            ManifestSnapshot.FromText(ManifestText.Minimal.Replace("8080", "8081"), "greenlight.yaml").Snapshot!.Digest);

    [Fact]
    public void FromText_InvalidManifest_GivesEveryProblemWithItsLineAndNoSnapshot()
    {
        var result = ManifestSnapshot.FromText(ManifestText.Minimal.Replace("listen:", "listn:"), "greenlight.yaml");

        Assert.Null(result.Snapshot);
        Assert.Contains(result.Errors, e => e.Line == 5 && e.Path == "edge.listn");
    }

    [Fact]
    public void Of_SameModelTwice_GivesTheSameDigest_AndAChangedModelAnother()
    {
        var manifest = ManifestLoader.Parse(ManifestText.Minimal, "greenlight.yaml").GetOrThrow() with { SourceFile = null };

        Assert.Equal(ManifestSnapshot.Of(manifest).Digest, ManifestSnapshot.Of(manifest with { }).Digest);
        Assert.NotEqual(ManifestSnapshot.Of(manifest).Digest, ManifestSnapshot.Of(manifest with { Edge = new EdgeSpec("127.0.0.1:9") }).Digest);
        Assert.Null(ManifestSnapshot.Of(manifest).Text);
    }
}
