namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>HAProxy refused a command, could not start, or its stats socket did not answer; the message names the socket or file.</summary>
public sealed class HaproxyException(string message, Exception? inner = null) : Exception(message, inner);
