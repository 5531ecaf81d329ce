namespace Greenlight.Edge;

/// <summary>How an <see cref="EdgeServer"/> starts.</summary>
public sealed class EdgeOptions
{
    /// <summary>Holds routes.json, admin.token, admin.json and the instance lock. Created (0700) if missing.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Loopback <c>host:port</c> of the admin API; port 0 picks a free port (see admin.json).</summary>
    public string AdminListen { get; init; } = "127.0.0.1:0";

    /// <summary>How long a stopping listener lets in-flight requests finish (app deleted, listen moved, shutdown).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Run public listeners' request processing inline on the socket threads. Follows the process's
    /// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 (see PublicListener); settable for tests.
    /// </summary>
    internal bool InlineScheduling { get; init; } =
        Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1";
}
