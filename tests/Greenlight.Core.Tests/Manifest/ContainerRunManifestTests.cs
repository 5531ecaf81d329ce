using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary><c>run.target</c>, <c>run.image</c>, <c>run.port</c> and <c>run.resources</c>: revisions as containers.</summary>
public sealed class ContainerRunManifestTests
{
    private const string Podman = """
        app: shop
        run:
          target: podman
          image: localhost/shop:${version}
          port: 8080
          resources: { cpus: "0.5", memory: 256Mi }
        edge:
          listen: 127.0.0.1:8080
        """;

    private static AppManifest Read(string yaml) => ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow();

    [Fact]
    public void Parse_PodmanRun_ReadsImagePortAndLimits_AndTheVersionIsSubstitutedPerRevision()
    {
        var run = Read(Podman).Run;

        Assert.Equal(("podman", "localhost/shop:${version}", 8080), (run.Target, run.Container?.Image, run.Container?.Port));
        Assert.Equal(new ResourceLimits(0.5m, 256L << 20), run.Container?.Resources);
        Assert.Equal("", run.Command); // the image's own command
        Assert.Equal("localhost/shop:2.4.1", run.ForVersion("2.4.1").Container?.Image);
    }

    [Fact]
    public void Parse_WithoutTarget_RunsProcessesWithNoImage()
    {
        var run = Read(Minimal).Run;

        Assert.Equal(("process", null), (run.Target, run.Container));
    }

    [Theory]
    [InlineData("512M", 512_000_000L)]
    [InlineData("1Gi", 1L << 30)]
    [InlineData("64Ki", 64L << 10)]
    [InlineData("1048576", 1048576L)]
    public void Parse_Memory_TakesKubernetesQuantities(string memory, long bytes) =>
        Assert.Equal(bytes, Read(Podman.Replace("memory: 256Mi", "memory: " + memory)).Run.Container!.Resources.MemoryBytes);

    [Fact]
    public void Parse_ContainerTargetWithoutImage_IsRefusedAtTheRunSection() =>
        Assert.Equal(
            ["greenlight.yaml:3:3: run.image: missing required key, expected an image such as registry/app:${version}"],
            Errors(Podman.Replace("  image: localhost/shop:${version}\n", "")));

    [Theory]
    [InlineData("256MB", "greenlight.yaml:6:37: run.resources.memory: found \"256MB\", expected an amount of memory such as 256Mi, 1Gi or 512M (Ki, Mi, Gi, Ti, k, M, G, T or bytes)")]
    [InlineData("-1", "greenlight.yaml:6:37: run.resources.memory: found \"-1\", expected an amount of memory such as 256Mi, 1Gi or 512M (Ki, Mi, Gi, Ti, k, M, G, T or bytes)")]
    [InlineData("0", "greenlight.yaml:6:37: run.resources.memory: found \"0\", expected an amount of memory such as 256Mi, 1Gi or 512M (Ki, Mi, Gi, Ti, k, M, G, T or bytes)")]
    [InlineData("99999999999Ti", "greenlight.yaml:6:37: run.resources.memory: found \"99999999999Ti\", expected an amount of memory such as 256Mi, 1Gi or 512M (Ki, Mi, Gi, Ti, k, M, G, T or bytes)")]
    public void Parse_BadMemory_IsReportedAtItsValue(string memory, string expected) =>
        Assert.Equal([expected], Errors(Podman.Replace("memory: 256Mi", "memory: " + memory)));

    [Fact]
    public void Parse_BadCpusAndPort_AreReportedAtTheirValues() =>
        Assert.Equal(
            [
                "greenlight.yaml:5:9: run.port: found \"http\", expected a port from 1 to 65535",
                "greenlight.yaml:6:22: run.resources.cpus: found \"-2\", expected a positive number of CPUs such as 0.5 or 2",
            ],
            Errors(Podman.Replace("port: 8080", "port: http").Replace("cpus: \"0.5\"", "cpus: \"-2\"")));

    [Fact]
    public void Parse_ContainerTargetWithoutPort_IsRefused() =>
        Assert.Equal(
            ["greenlight.yaml:3:3: run.port: missing required key, expected the port the app listens on inside its container (target podman)"],
            Errors(Podman.Replace("  port: 8080\n", "")));

    [Fact]
    public void Parse_ImageForTargetProcess_IsRefusedAtTheImage() =>
        Assert.Equal(
            ["greenlight.yaml:4:10: run.image: only for a container target (run.target: podman, docker, kubernetes), expected no image for target process, which runs run.command on a port of its own ($PORT)"],
            Errors(Minimal.Replace("  command: dotnet", "  command: dotnet\n  image: localhost/shop:1")));

    [Fact]
    public void Parse_UnknownTargetAndAPlaceholderOtherThanVersion_AreRefused() =>
        Assert.Equal(
            [
                "greenlight.yaml:3:11: run.target: found \"podmn\", expected one of process, podman, docker, kubernetes",
                "greenlight.yaml:4:10: run.image: found \"localhost/shop:${commit}\", expected no placeholder other than ${version}",
            ],
            Errors(Podman.Replace("target: podman", "target: podmn").Replace("${version}", "${commit}")));
}
