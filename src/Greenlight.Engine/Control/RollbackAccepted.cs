using Greenlight.Core.Rollouts;

namespace Greenlight.Engine.Control;

/// <summary>The rollout being rolled back, and the id of the event that records the request (follow the log from there).</summary>
public sealed record RollbackAccepted(Rollout Rollout, long RequestEventId);
