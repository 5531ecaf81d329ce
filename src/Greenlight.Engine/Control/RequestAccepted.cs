using Greenlight.Core.Rollouts;

namespace Greenlight.Engine.Control;

/// <summary>The rollout a request (rollback, promote, abort) went to, and the id of the event that records it: follow the log from there.</summary>
public sealed record RequestAccepted(Rollout Rollout, long RequestEventId);
