using System.Diagnostics;
using Greenlight.Core.Targets;
using Greenlight.Engine.Drift;

namespace Greenlight.Engine.Tests.Drift;

/// <summary>What drift hashes of a revision: its working directory's code, not its state or logs, and its command.</summary>
public sealed class FileWalkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("greenlight-walk-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("greenlight-walk-outside-").FullName;

    private RevisionSpec Spec(string command = "./run.sh", params string[] args) =>
        new("shop", "1.0", command, args, _root, new Dictionary<string, string>(), "/health", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), "1.0.log");

    private void Write(string path, string text = "x")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, path))!);
        File.WriteAllText(Path.Combine(_root, path), text);
    }

    [Fact]
    public void WhatRuns_SkipsStateGitAndLogs_AndTakesTheCommandAndArgumentFilesOutside()
    {
        Write("run.sh");
        Write("lib/app.dll");
        Write("empty.txt", "");
        Write(".greenlight/state.db");
        Write(".git/HEAD");
        Write("logs/today.txt");
        Write("server.log");
        var script = Path.Combine(_elsewhere, "server.js");
        File.WriteAllText(script, "console.log(1)");

        var files = FileWalk.WhatRuns(Spec("node", script, "--port", "8080"), stateDirectory: "/nonexistent", CancellationToken.None);

        Assert.Equal([script, "empty.txt", "lib/app.dll", "run.sh"], files.Files.Keys.Where(k => k != Which("node")).Order(StringComparer.Ordinal));
        Assert.Equal("empty", files.Files["empty.txt"]);
        Assert.Null(files.Limit);
    }

    [Fact]
    public void WhatRuns_StateDirectoryInsideTheWorkingDirectory_IsNotHashed()
    {
        Write("app.py");
        Write("state/state.db");

        var files = FileWalk.WhatRuns(Spec("python3"), Path.Combine(_root, "state"), CancellationToken.None);

        Assert.DoesNotContain("state/state.db", files.Files.Keys);
        Assert.Contains("app.py", files.Files.Keys);
    }

    [Fact]
    public void WhatRuns_SameContentAgain_SameDigest_OneByteChanged_AnotherDigest()
    {
        Write("app.py", "print(1)");
        var before = FileWalk.WhatRuns(Spec(), "/nonexistent", CancellationToken.None);
        Assert.Equal(before.Digest, FileWalk.WhatRuns(Spec(), "/nonexistent", CancellationToken.None).Digest);

        Write("app.py", "print(2)");

        Assert.NotEqual(before.Digest, FileWalk.WhatRuns(Spec(), "/nonexistent", CancellationToken.None).Digest);
    }

    [Fact]
    public void WhatRuns_NamedPipeAndSymbolicLink_NeitherIsOpened()
    {
        Write("app.py");
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(_root, "control.pipe")))
            mkfifo.WaitForExit();
        File.CreateSymbolicLink(Path.Combine(_root, "current"), _elsewhere);

        var files = FileWalk.WhatRuns(Spec(), "/nonexistent", CancellationToken.None);

        Assert.Equal("empty", files.Files["control.pipe"]);
        Assert.Equal($"link to {_elsewhere}", files.Files["current"]);
    }

    [Fact]
    public void WhatRuns_MissingWorkingDirectory_IsAProblemNotAnEmptySet()
    {
        Directory.Delete(_root);

        Assert.Equal($"the working directory {_root} does not exist", FileWalk.WhatRuns(Spec(), "/nonexistent", CancellationToken.None).Problem);
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }
}
