namespace Greenlight.Scanning.Tests;

/// <summary>A throwaway directory of fixture files for one test, so tests never depend on checked-in or shared data.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gl-scan-" + Guid.NewGuid().ToString("N"));

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A real FIFO (named pipe): opening it for reading blocks until a writer comes, which none will.</summary>
    public string Fifo(string relative) => Greenlight.Testing.Fifo.Make(Path.Combine(Root, relative));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
