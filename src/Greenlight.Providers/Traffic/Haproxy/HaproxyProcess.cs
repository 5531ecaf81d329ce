using System.Diagnostics;
using Greenlight.Providers.Targets.Process;

namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>The app's haproxy daemon, known by the pid file in the app's directory; it outlives the controller.</summary>
internal sealed class HaproxyProcess(string executable, string directory)
{
    public string PidFile => Path.Combine(directory, "haproxy.pid");

    public int? Pid => File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null;

    public bool IsAlive => Pid is { } pid && ProcStat.Read(pid)?.IsAlive == true;

    /// <summary>Starts haproxy on <paramref name="config"/>; when one runs already, the new one takes its listening sockets over
    /// the stats socket (<c>-x</c>) and the old one finishes its requests and exits (<c>-sf</c>): a reload that drops nothing.</summary>
    public async Task StartAsync(string config, string socket, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-D", "-q", "-f", config, "-p", PidFile }) start.ArgumentList.Add(arg);
        if (IsAlive)
        {
            foreach (var arg in new[] { "-x", socket, "-sf", Pid!.Value.ToString() }) start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HaproxyException($"cannot run '{executable}': {e.Message} (install Debian's haproxy package)", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
                throw new HaproxyException($"haproxy refused {config} (exit {process.ExitCode}): {(await errors).Trim()}");
        }
    }

    /// <summary>Soft stop (SIGUSR1): haproxy closes its listener and exits once the requests in flight have finished.</summary>
    public async Task StopAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IsAlive) return;
        var pid = Pid!.Value;
        if (ProcStat.Read(pid) is { } stat) Signals.Send(pid, stat, Signal.UserOne);

        while (ProcStat.Read(pid)?.IsAlive == true) await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
    }
}
