using Greenlight.Core.Secrets;

namespace Greenlight.Core.Tests.Secrets;

public sealed class OwnerOnlyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("greenlight-owner-").FullName;

    [Fact]
    public void CreateDirectory_ExistingWorldReadableOne_IsTightenedTo0700()
    {
        var path = Path.Combine(_root, "state");
        Directory.CreateDirectory(path, (UnixFileMode)0b111_101_101);

        OwnerOnly.CreateDirectory(path);
        var nested = OwnerOnly.CreateDirectory(Path.Combine(path, "a", "b"));

        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(Path.Combine(path, "a")));
        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(nested));
    }

    [Fact]
    public void Open_ExistingWorldReadableFile_IsTightenedAndNewOnesAreCreated0600()
    {
        var old = Path.Combine(_root, "old.log");
        File.WriteAllText(old, "kept");
        File.SetUnixFileMode(old, (UnixFileMode)0b110_100_100);

        OwnerOnly.Touch(old);
        OwnerOnly.WriteAllText(Path.Combine(_root, "new.json"), "{}");

        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(old));
        Assert.Equal("kept", File.ReadAllText(old));
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(Path.Combine(_root, "new.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
