using System.ComponentModel;
using System.Globalization;
using Greenlight.Core.Targets;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Targets.Process;

/// <summary>Starts a revision detached from the controller, on its port, with its own log.</summary>
internal static class SessionLauncher
{
    public static OsProcess Start(RevisionSpec spec, int port, string logFile)
    {
        if (!Directory.Exists(spec.WorkingDirectory))
        {
            throw new RevisionStartException(
                $"{spec.App} {spec.Version}: working directory {spec.WorkingDirectory} does not exist");
        }

        var environment = new Dictionary<string, string>(spec.Environment)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
        if (spec.LaunchId is { } launch)
            environment[LaunchScan.Variable] = launch;
        try
        {
            return DetachedProcess.Start(spec.Command, spec.Args, spec.WorkingDirectory, environment, logFile);
        }
        catch (Win32Exception ex)
        {
            throw new RevisionStartException($"{spec.App} {spec.Version}: cannot start /usr/bin/setsid: {ex.Message}");
        }
    }
}
