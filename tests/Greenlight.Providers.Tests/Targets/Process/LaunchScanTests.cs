using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;
using Greenlight.Providers.Targets.Process;

namespace Greenlight.Providers.Tests.Targets.Process;

public sealed class LaunchScanTests
{
    [Fact]
    public void Find_YoungProcessWithoutEnvironment_IsUnsure()
    {
        // What a revision caught between the steps of execve looks like: alive, this user's, no environment to read.
        using var bare = OsProcess.Start(new ProcessStartInfo("/usr/bin/env", ["-i", "/bin/sleep", "30"]))!;
        try
        {
            Assert.True(SpinWait.SpinUntil(() => File.ReadAllText($"/proc/{bare.Id}/cmdline").StartsWith("/bin/sleep", StringComparison.Ordinal), 10_000));

            var (found, unsure) = LaunchScan.Find(Guid.NewGuid().ToString("N"));

            Assert.Empty(found);
            Assert.True(unsure);
        }
        finally
        {
            bare.Kill();
            bare.WaitForExit();
        }
    }
}
