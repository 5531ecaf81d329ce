namespace Greenlight.Core.Audit;

/// <summary>
/// What happened, as whoever did it reports it; the log adds the sequence number, the time and the chain.
/// Never carries a secret's value: a secret is named by its path and version only.
/// </summary>
/// <param name="Actor">Who: an API caller's name, <see cref="Controller"/>, or the OS user of a CLI command.</param>
/// <param name="Action">What, such as <c>POST /v1/releases/{id}/promote</c>, <c>rollback</c> or <c>secret.set</c>.</param>
/// <param name="Subject">On what: <c>app shop</c>, <c>release rel-…</c>, <c>secret shop/db-password</c>.</param>
/// <param name="Outcome"><c>ok</c>, <c>refused</c> (4xx) or <c>failed</c> (5xx, or an error).</param>
public sealed record AuditRecord(string Actor, string Action, string Subject, string Outcome)
{
    /// <summary>The actor of the controller's own decisions (automatic rollback, promotion, repair).</summary>
    public const string Controller = "greenlight (controller)";

    /// <summary>The request id: the caller's X-Request-Id, or the server's own.</summary>
    public string? Request { get; init; }

    /// <summary>The caller's address (IP), when the action came over the network.</summary>
    public string? Source { get; init; }

    /// <summary>The HTTP status answered, for an API call.</summary>
    public int? Status { get; init; }

    /// <summary>What stood before the change, such as the version that served.</summary>
    public string? Before { get; init; }

    /// <summary>What was asked for or stands after it, such as the version requested.</summary>
    public string? After { get; init; }

    /// <summary>Anything else worth keeping, such as a reason.</summary>
    public string? Detail { get; init; }

    public static string OutcomeOf(int status) => status switch { < 400 => "ok", < 500 => "refused", _ => "failed" };
}
