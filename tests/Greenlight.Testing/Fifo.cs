namespace Greenlight.Testing;

/// <summary>Real FIFOs (named pipes): opening one for reading blocks until a writer comes, which none will.</summary>
public static class Fifo
{
    /// <summary>Makes a FIFO at <paramref name="path"/> (and its folder) with the real mkfifo.</summary>
    public static string Make(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return mkfifo.ExitCode == 0 ? path : throw new InvalidOperationException($"mkfifo {path} exited with {mkfifo.ExitCode}");
    }
}
