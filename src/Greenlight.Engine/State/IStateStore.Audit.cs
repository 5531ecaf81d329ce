using Greenlight.Engine.Audit;

namespace Greenlight.Engine.State;

/// <summary>The audit log lives in the state store, with the same durability as every other record.</summary>
public partial interface IStateStore : IAuditStore;
