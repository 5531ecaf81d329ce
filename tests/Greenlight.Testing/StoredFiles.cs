namespace Greenlight.Testing;

/// <summary>The files under a state directory that can hold data, for tests that search everything stored for a secret.</summary>
public static class StoredFiles
{
    /// <summary>
    /// Every file under <paramref name="root"/> but lock files (held with flock by the controller and the edge, never
    /// written; <see cref="Locks"/> lists them to check they are empty) and unix sockets (the edge's handoff.sock, HAProxy's
    /// admin.sock: nothing is stored in them, and opening one as a file fails).
    /// </summary>
    public static IReadOnlyList<string> Readable(string root) =>
        All(root).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal) && !f.EndsWith(".sock", StringComparison.Ordinal)).ToList();

    public static IReadOnlyList<string> Locks(string root) => All(root).Where(f => f.EndsWith(".lock", StringComparison.Ordinal)).ToList();

    private static string[] All(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories);
}
