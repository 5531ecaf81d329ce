namespace Greenlight.Edge.Tests.Support;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("greenlight-edge-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
