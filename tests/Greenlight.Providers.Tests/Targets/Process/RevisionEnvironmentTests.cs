using Greenlight.Core.Secrets;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Targets.Process;

/// <summary>A revision runs with what its spec gives it and an allow-list, never the controller's secrets.</summary>
public sealed class RevisionEnvironmentTests
{
    [Fact]
    public async Task StartAsync_VariablePlantedInTheControllersEnvironment_IsNotInTheRevisionsEnvironment()
    {
        await using var scope = new RevisionScope();
        var name = $"GL_TEST_PLANTED_{Guid.NewGuid():N}";
        var value = $"planted-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            var spec = scope.Shop("2.0") with { LaunchId = Guid.NewGuid().ToString("N") };

            var handle = await scope.StartAsync(spec);

            var environ = (await File.ReadAllTextAsync($"/proc/{handle.Pid}/environ", scope.Cancellation)).Split('\0');
            Assert.DoesNotContain(environ, e => e.StartsWith(name, StringComparison.Ordinal) || e.Contains(value, StringComparison.Ordinal));
            Assert.Contains("SHOP_VERSION=2.0", environ);
            Assert.Contains($"PORT={handle.Port}", environ);
            Assert.Contains($"GREENLIGHT_LAUNCH_ID={spec.LaunchId}", environ);
            Assert.Contains(environ, e => e.StartsWith("PATH=", StringComparison.Ordinal));
            Assert.Contains(environ, e => e.StartsWith("HOME=", StringComparison.Ordinal));
            Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(spec.LogFile));
            Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(Path.GetDirectoryName(spec.LogFile)!));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
