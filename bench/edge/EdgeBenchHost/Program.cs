using System.Runtime.InteropServices;
using Greenlight.Edge;
using Microsoft.Extensions.Logging;

// Usage: EdgeBenchHost --state-dir DIR [--admin 127.0.0.1:PORT]; stops on SIGTERM or Ctrl+C.
string? stateDirectory = null;
var admin = "127.0.0.1:0";
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--state-dir": stateDirectory = args[i + 1]; break;
        case "--admin": admin = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (stateDirectory is null)
{
    Console.Error.WriteLine("usage: EdgeBenchHost --state-dir DIR [--admin 127.0.0.1:PORT]");
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
await EdgeServer.RunAsync(new EdgeOptions { StateDirectory = stateDirectory, AdminListen = admin }, loggerFactory, stop.Token);
return 0;
