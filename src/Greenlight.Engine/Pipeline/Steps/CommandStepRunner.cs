using System.Diagnostics;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Pipeline.TestReports;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>
/// Runs a step's command (argv, or a shell line through <c>sh -c</c>) with stdout and stderr going line by line
/// to the step's output, kills the whole process tree at the timeout or when the release is aborted, then reads
/// the test results the command wrote. A non-zero exit code or any failed test fails the step.
/// </summary>
internal sealed class CommandStepRunner : IStepRunner
{
    public string Kind => "command";

    public async Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct)
    {
        var action = (CommandAction)step.Action;
        if (!Directory.Exists(step.WorkingDirectory))
            return new StepOutcome(false, $"working directory {step.WorkingDirectory} does not exist", []);
        var started = DateTime.UtcNow;
        using var process = new Process { StartInfo = StartInfo(step, action), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Emit(context, e.Data);
        process.ErrorDataReceived += (_, e) => Emit(context, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new StepOutcome(false, $"cannot start {process.StartInfo.FileName}: {e.Message}", []);
        }
        process.StandardInput.Close(); // a step waiting for input would otherwise hang until its timeout
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(step.Timeout, context.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return new StepOutcome(false, $"timed out after {DurationText.Format(step.Timeout)} (step timeout); the process tree was killed", []);
        }
        return Judge(process.ExitCode, step, action, started);
    }

    private static StepOutcome Judge(int exitCode, PipelineStep step, CommandAction action, DateTime started)
    {
        if (action.TestResults.Count == 0)
            return new StepOutcome(exitCode == 0, exitCode == 0 ? null : $"exited with code {exitCode}", [], exitCode);
        var files = ResultFiles.Find(step.WorkingDirectory, action.TestResults, started);
        if (files.Count == 0)
            return new StepOutcome(false, $"exited with code {exitCode}; no test results matching {string.Join(", ", action.TestResults)} were written", [], exitCode);
        TestReport report;
        try
        {
            report = files.Select(TestResultReader.Read).Aggregate(TestReport.Empty, (a, b) => a + b);
        }
        catch (InvalidDataException e)
        {
            return new StepOutcome(false, e.Message, [], exitCode);
        }
        var failures = report.Failures.Take(StepResult.MaxFindings).ToList();
        var reason = (exitCode, report.Counts.Failed) switch
        {
            (0, 0) => null,
            (_, > 0) => $"{report.Counts.Failed} of {report.Counts.Total} tests failed: {failures[0]}",
            _ => $"exited with code {exitCode} ({report.Counts})",
        };
        return new StepOutcome(reason is null, reason, failures, exitCode, report.Counts);
    }

    private static ProcessStartInfo StartInfo(PipelineStep step, CommandAction action)
    {
        var info = new ProcessStartInfo
        {
            FileName = action.Shell is null ? action.Argv![0] : "/bin/sh",
            WorkingDirectory = step.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in action.Shell is null ? action.Argv!.Skip(1) : ["-c", action.Shell])
            info.ArgumentList.Add(arg);
        ChildEnvironment.Apply(info, action.Environment);
        return info;
    }

    private static void Emit(StepContext context, string? line)
    {
        if (line is not null)
            context.Output(line);
    }
}
