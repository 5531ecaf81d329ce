using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Support;

/// <summary>
/// A directory with a greenlight.yaml for the sample shop, where tests run the real <c>greenlight</c>
/// command as separate processes. Every process started from here (controller, edge, revisions)
/// carries a marker, so disposing kills whatever a test left, even after a failure.
/// </summary>
internal sealed class CliWorkspace : IDisposable
{
    private const string Marker = "GREENLIGHT_TEST_SCOPE";
    private readonly string _scope = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4)); // the longest test runs about a minute alone; a loaded machine needs more

    /// <param name="sample">One of the shop's manifests, e.g. greenlight.canary.yaml.</param>
    /// <param name="edit">Changes to its text.</param>
    public CliWorkspace(string sample = "greenlight.yaml", Func<string, string>? edit = null)
    {
        Listen = Ports.FreeListen();
        var text = File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepoPaths.ShopManifest)!, sample))
            .Replace("bin/Release/net10.0/Shop.dll", RepoPaths.ShopDll)
            .Replace("127.0.0.1:8080", Listen)
            .Replace("timeout: 20s", "timeout: 10s")
            // Revisions get only what the manifest gives them (and an allow-list): the marker is given here.
            .Replace("    SHOP_VERSION: ${version}", $"    SHOP_VERSION: ${{version}}\n    {Marker}: {_scope}")
            .Replace("  command: dotnet", $"  command: dotnet\n  workingDirectory: {Path.GetDirectoryName(RepoPaths.ShopManifest)}");
        // The sample's gates name folders beside it; a test that wants gates brings its own (the section is last).
        if (text.IndexOf("\npipeline:", StringComparison.Ordinal) is var pipeline and >= 0)
            text = text[..(pipeline + 1)];
        File.WriteAllText(ManifestPath, edit?.Invoke(text) ?? text);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("greenlight-cli-").FullName;
    public string ManifestPath => Path.Combine(Directory, "greenlight.yaml");
    public string Listen { get; }
    public CancellationToken Cancellation => _timeout.Token;

    /// <summary>Added to the environment of every command run from here, e.g. XDG_CONFIG_HOME.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>What every <c>greenlight up</c> of this workspace printed.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ControllerOutput { get; } = new();

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(StartInfo(args, redirect: true));

    /// <summary>Runs a command with <paramref name="environment"/> added, e.g. COLUMNS.</summary>
    public Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(args, redirect: true);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return RunAsync(start);
    }

    /// <summary>Runs a command on a terminal of its own (a pseudo-terminal made by script(1)), its screen captured.</summary>
    public Task<CliResult> RunInTerminalAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var command = StartInfo(args, redirect: true);
        var line = string.Join(' ', new[] { command.FileName }.Concat(command.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var start = new ProcessStartInfo("script") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--quiet", "--return", "--command", line, "/dev/null"])
            start.ArgumentList.Add(arg);
        start.Environment[Marker] = _scope;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return RunAsync(start);
    }

    private async Task<CliResult> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Cancellation);
        var stderr = process.StandardError.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command with <paramref name="input"/> on its standard input, as a pipe.</summary>
    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        var start = StartInfo(args, redirect: true);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Cancellation);
        var stderr = process.StandardError.ReadToEndAsync(Cancellation);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Cancellation);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a command without waiting for it; every line it prints goes to <paramref name="output"/>.</summary>
    public Process Start(System.Collections.Concurrent.ConcurrentQueue<string> output, params string[] args)
    {
        var process = Process.Start(StartInfo(args, redirect: true))!;
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts <c>greenlight up</c> (with <paramref name="options"/>) and waits until its API answers.</summary>
    /// <param name="environment">Added to the controller's environment, e.g. a planted secret.</param>
    /// <param name="umask">The controller's umask (octal), e.g. 000 to show that modes do not depend on it.</param>
    /// <param name="options">Options of <c>up</c>, e.g. <c>--listen</c>.</param>
    public async Task<Process> StartControllerAsync(IReadOnlyDictionary<string, string>? environment = null, string? umask = null, params string[] options)
    {
        var endpoint = Path.Combine(Directory, ".greenlight", "controller.json");
        if (File.Exists(endpoint))
            File.Delete(endpoint); // left by a killed controller
        var start = StartInfo(["up", .. options], redirect: true);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (umask is not null)
        {
            // sh sets the umask and execs the controller in its place.
            string[] shell = ["-c", $"umask {umask}; exec \"$@\"", "sh", start.FileName];
            for (var i = 0; i < shell.Length; i++)
                start.ArgumentList.Insert(i, shell[i]);
            start.FileName = "/bin/sh";
        }
        var up = Process.Start(start)!;
        up.OutputDataReceived += (_, line) => ControllerOutput.Enqueue(line.Data ?? "");
        up.ErrorDataReceived += (_, line) => ControllerOutput.Enqueue(line.Data ?? "");
        up.BeginOutputReadLine();
        up.BeginErrorReadLine();
        while (!File.Exists(endpoint) || (await TryApiAsync("v1/apps")) is null)
        {
            if (up.HasExited)
                throw new InvalidOperationException($"greenlight up exited with {up.ExitCode}");
            await Task.Delay(50, Cancellation);
        }
        return up;
    }

    /// <summary>A client of the controller's API with the admin token of <c>.greenlight/token</c>.</summary>
    public async Task<HttpClient> ApiClientAsync()
    {
        var state = Path.Combine(Directory, ".greenlight");
        using var endpoint = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "controller.json"), Cancellation));
        var http = new HttpClient { BaseAddress = new Uri(endpoint.RootElement.GetProperty("Url").GetString()!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(state, "token"), Cancellation)).Trim());
        return http;
    }

    /// <summary>GETs the controller's API with its token; null when it does not answer.</summary>
    public async Task<JsonElement?> TryApiAsync(string path)
    {
        try
        {
            using var http = await ApiClientAsync();
            using var doc = JsonDocument.Parse(await http.GetStringAsync(path, Cancellation));
            return doc.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Processes of this workspace running a revision of <paramref name="version"/>.</summary>
    public IReadOnlyList<int> Revisions(string version) =>
        MarkedProcesses.Find(Marker, _scope).Intersect(MarkedProcesses.Find("GREENLIGHT_REVISION", version)).ToList();

    /// <summary>Every process of this workspace still running: controller and revisions (marked), the edge (by its state directory).</summary>
    public IReadOnlyList<int> Running() =>
        [.. MarkedProcesses.Find(Marker, _scope).Union(MarkedProcesses.FindByCommandLine(Path.Combine(Directory, ".greenlight", "edge")))];

    public Task<string> PublicVersionAsync() => VersionAtAsync(Listen);

    /// <summary>The version the shop behind <paramref name="listen"/> (an edge's listener) answers with.</summary>
    public async Task<string> VersionAtAsync(string listen)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync($"http://{listen}/", Cancellation);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Shop-Version").Single();
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirect)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory, RedirectStandardOutput = redirect, RedirectStandardError = redirect };
        psi.ArgumentList.Add(RepoPaths.GreenlightDll);
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment[Marker] = _scope;
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in Environment)
            psi.Environment[name] = value;
        return psi;
    }

    public void Dispose()
    {
        MarkedProcesses.KillAll(Marker, _scope);
        MarkedProcesses.Kill(MarkedProcesses.FindByCommandLine(Path.Combine(Directory, ".greenlight", "edge"))); // the edge
        _timeout.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
