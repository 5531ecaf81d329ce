using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Podman;

namespace Greenlight.Providers.Tests.Targets.Podman;

public sealed class EnvFileTests
{
    private static readonly RevisionSpec Spec = new("shop", "2.0", "", [], "/", new Dictionary<string, string>(), "/health",
        TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50), "shop.log");

    [Fact]
    public void Write_Environment_OneNameValueLineEach_ReadableByItsOwnerOnly()
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("greenlight-env-").FullName, ".env");
        try
        {
            var path = EnvFile.Write(Spec, new Dictionary<string, string> { ["A"] = "1", ["B"] = "x = y # not a comment" }, directory);

            Assert.Equal("A=1\nB=x = y # not a comment\n", File.ReadAllText(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }

    [Fact]
    public void Write_ValueSpanningLines_RefusedNamingTheVariableNotItsValue()
    {
        var error = Assert.Throws<RevisionStartException>(() =>
            EnvFile.Write(Spec, new Dictionary<string, string> { ["CERT"] = "line one\nsecret line two" }, Path.GetTempPath()));

        Assert.Equal("shop 2.0: the value of CERT spans several lines, which a container's env file cannot carry", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
