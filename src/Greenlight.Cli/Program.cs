using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Commands;
using Greenlight.Cli.Demo;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Control;

var root = new RootCommand("Greenlight: release a service to all of production with no manual step, and undo it in an instant")
{
    CommonOptions.File,
    CommonOptions.Output,
    CommonOptions.App,
    CommonOptions.Profile,
    UpCommand.Create(),
    EdgeCommand.Create(),
    DownCommand.Create(),
    DeployCommand.Create(),
    StatusCommand.Create(),
    SteerCommands.Rollback(),
    SteerCommands.Promote(),
    SteerCommands.Abort(),
    WatchCommand.Create(),
    HistoryCommand.Create(),
    DoraCommand.Create(),
    DiffCommand.Create(),
    PromoteReleaseCommand.Create(),
    ApprovalCommands.Approve(),
    ApprovalCommands.Reject(),
    DriftCommand.Create(),
    ValidateCommand.Create(),
    RenderCommand.Create(),
    DbCommand.Create(),
    PipelineCommand.Create(),
    ScanCommand.Create(),
    SecretsCommand.Create(),
    LoginCommand.Create(),
    UsersCommand.Create(),
    TokensCommand.Create(),
    AuditCommand.Create(),
    DemoCommand.Create(),
};

ConsoleWidth.Apply();

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("run `greenlight --help` for usage");
    return ExitCodes.Rejected;
}

try
{
    // Set explicitly: System.CommandLine 2.0.0 leaves it null, and then SIGTERM would not reach `up` or `edge`.
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
    return await parsed.InvokeAsync(invocation);
}
catch (ManifestException e)
{
    ManifestReport.Write(e.Errors, parsed.IsJson());
    return ExitCodes.Rejected;
}
// Refusals of what the user gave (a script, a rule file, a request): the message says what and where.
catch (Exception e) when (e is Greenlight.Migrations.MigrationException or Greenlight.Scanning.Secrets.SecretConfigException or ReleaseRejectedException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.Rejected;
}
catch (Greenlight.Scanning.Secrets.GitHistoryException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.Error;
}
catch (CliException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
catch (OperationCanceledException)
{
    return ExitCodes.Error;
}
// A database that cannot be reached or refuses the run's own statements (`db …`, a migration): its error, on one line.
catch (System.Data.Common.DbException e)
{
    Console.Error.WriteLine($"error: database: {OneLine(e.Message)}");
    return ExitCodes.Error;
}
// Never a crash: anything else is exit 1 with its cause.
catch (Exception e)
{
    Console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {OneLine(e.Message)}");
    return ExitCodes.Error;
}

static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
