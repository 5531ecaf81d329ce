namespace Greenlight.Migrations.Databases;

/// <summary>
/// Why a script runs statement by statement in autocommit rather than in one transaction: its first statement that
/// cannot run inside one (<paramref name="Kind"/>, e.g. <c>CREATE INDEX CONCURRENTLY</c>), or its own transaction
/// control (<paramref name="OwnTransactions"/>: a <c>BEGIN</c>, <c>COMMIT</c>, ...), and the line it is on.
/// </summary>
internal sealed record OutsideTransaction(string Kind, int Line, bool OwnTransactions);
