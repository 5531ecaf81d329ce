using Greenlight.Providers.Kubernetes;

namespace Greenlight.Providers.Tests.Targets.Kubernetes;

public sealed class KubernetesNamesTests
{
    [Fact]
    public void Revision_NameThatFitsAServiceName_IsKeptAsItIs() => Assert.Equal("shop-v2", KubernetesNames.Revision("shop", "v2"));

    [Fact]
    public void Revision_VersionsThatSlugAlike_GetDifferentNames()
    {
        var dotted = KubernetesNames.Revision("shop", "2.4.1");
        Assert.Matches("^shop-2-4-1-[0-9a-f]{6}$", dotted);
        Assert.NotEqual(dotted, KubernetesNames.Revision("shop", "2-4-1"));
    }

    [Fact]
    public void Revision_LongConfigRelease_IsADns1035LabelOfAtMost63Characters()
    {
        var name = KubernetesNames.Revision(new string('a', 60), "1.0.0+build.7@abcdef0");
        Assert.True(name.Length <= 63);
        Assert.Matches("^[a-z]([-a-z0-9]*[a-z0-9])?$", name);
    }

    [Fact]
    public void Labels_ConfigRelease_KeepsVersionAndReleaseApartAsValidLabelValues()
    {
        var labels = KubernetesNames.Labels("shop", "2.4.1@abcdef0");
        Assert.Equal(("2.4.1", "2.4.1_abcdef0"), (labels["version"], labels["release"]));
    }
}
