namespace Greenlight.Engine.Control;

/// <summary>The edge as the controller's supervisor sees it, for <c>status</c>.</summary>
/// <param name="State">serving; or restarting: it died and a new one is starting or waits out its backoff.</param>
/// <param name="Pid">The edge serving now, or the one that died while restarting.</param>
/// <param name="Restarts">How many times this controller started the edge again after it died.</param>
/// <param name="LastRestartMs">From noticing the last death to the new edge answering its admin API
/// (its public listeners answer a little earlier: they are restored first).</param>
/// <param name="Note">What happened last, in words: who died, how, and what the controller did or does about it.</param>
public sealed record EdgeReport(string State, int Pid, int Restarts, DateTimeOffset? LastRestartAt, double? LastRestartMs, string Note);
