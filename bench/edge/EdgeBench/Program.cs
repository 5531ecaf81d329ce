// Helpers of bench/edge/run that need Greenlight's own code or a clock finer than a shell's:
//   haproxy <state-dir> <listen> <blue-url> <green-url>   drive the haproxy traffic router as `greenlight up` does; stdin
//                                                         lines "<blue-weight> <green-weight>" apply a route and answer
//                                                         "ok <ms>"; "stop" removes the route (HAProxy soft-stops).
//   recover <edge-pid> <url> <timeout-s>                  kill -9 the edge, then time the first 2xx from <url> (a fresh
//                                                         connection every 5 ms, tries overlapping); prints milliseconds,
//                                                         or fails at timeout; what the tries met on standard error.
using Greenlight.Bench.Edge;

return args switch
{
    ["haproxy", var state, var listen, var blue, var green] => await HaproxyDriver.RunAsync(state, listen, new Uri(blue), new Uri(green)),
    ["recover", var pid, var url, var timeout] => await CrashRecovery.RunAsync(int.Parse(pid), new Uri(url), TimeSpan.FromSeconds(int.Parse(timeout))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: EdgeBench haproxy <state-dir> <listen> <blue-url> <green-url> | recover <edge-pid> <url> <timeout-s>");
    return 2;
}
