namespace Greenlight.Core.Delivery;

/// <summary>
/// Separation of duties: who may approve a release waiting in an environment, and which of its approvals count.
/// Pure; every refusal and every approval that does not count says which rule and why.
/// </summary>
public static class ApprovalPolicy
{
    public const string FromRule = "only the roles and users in approval.from may approve or reject";
    public const string RequesterRule = "the requester of a release cannot approve it (preventSelfReview)";
    public const string AuthorRule = "the git author of the released commit cannot approve it (preventSelfReview)";
    public const string OnceRule = "one person counts once";
    public const string ManifestRule = "an approval given before the release's manifest changed does not count";
    public const string ExpiryRule = "an approval past approval.expiresAfter does not count";

    /// <summary>Why <paramref name="user"/> may not approve the release waiting in <paramref name="stage"/>; null when they may.</summary>
    /// <param name="holdsRole">Whether the user holds one of the plan's roles there (asked of the roles by the Engine).</param>
    public static string? Refusal(Release release, Stage stage, string user, bool holdsRole, DateTimeOffset now)
    {
        var plan = stage.Plan.Approval!;
        if (MayNotDecide(stage, user, holdsRole) is { } notListed)
            return notListed;
        if (SelfReview(release, plan, user) is { } self)
            return self;
        var counted = Tally(release, stage, now).Counted.FirstOrDefault(a => Same(a.By, user));
        return counted is null ? null : $"{OnceRule}: {user}'s approval of {Journal.Time(counted.At)} counts already";
    }

    /// <summary>Why <paramref name="user"/> may not reject the release: only those who may approve may; null when they may.</summary>
    public static string? MayNotDecide(Stage stage, string user, bool holdsRole)
    {
        var plan = stage.Plan.Approval!;
        return holdsRole || plan.NamesUser(user) ? null
            : $"{FromRule}: {user} is none of {string.Join(", ", plan.From)} for {stage.Environment}";
    }

    /// <summary>The approvals on the stage that count, and those that do not with the rule each breaks.</summary>
    public static ApprovalTally Tally(Release release, Stage stage, DateTimeOffset now)
    {
        var plan = stage.Plan.Approval!;
        var counted = new List<Approval>();
        var notCounted = new List<VoidApproval>();
        // Newest first: a person's latest valid approval is the one that counts.
        foreach (var a in stage.Approvals.OrderByDescending(a => a.At))
        {
            var why = SelfReview(release, plan, a.By)
                ?? (a.ManifestDigest != release.ManifestDigest
                    ? $"{ManifestRule}: {a.By}'s was given for manifest {Short(a.ManifestDigest)}; the release carries {Short(release.ManifestDigest)}" : null)
                ?? (plan.ExpiresAfter is { } ttl && now >= a.At + ttl
                    ? $"{ExpiryRule}: {a.By}'s was given at {Journal.Time(a.At)} and expired at {Journal.Time(a.At + ttl)}" : null)
                ?? (counted.Any(c => Same(c.By, a.By)) ? $"{OnceRule}: {a.By} approved again later" : null);
            if (why is null)
                counted.Add(a);
            else
                notCounted.Add(new VoidApproval(a, why));
        }

        return new ApprovalTally(plan.Required, plan.Hotfix, [.. counted.OrderBy(a => a.At)], [.. notCounted.OrderBy(v => v.Approval.At)]);
    }

    /// <summary>The release with the reason of the stage awaiting approval told as of <paramref name="now"/>: the stored one says
    /// how the approvals stood when the release last moved, and one may have expired since.</summary>
    public static Release AsOf(Release release, DateTimeOffset now) =>
        release.Phase != ReleasePhase.Running || !release.Stages.Any(s => s.Phase == StagePhase.AwaitingApproval) ? release : release with
        {
            Stages = [.. release.Stages.Select(s => s.Phase == StagePhase.AwaitingApproval ? s with { Reason = Tally(release, s, now).Waiting } : s)],
        };

    private static string? SelfReview(Release release, ApprovalPlan plan, string user)
    {
        if (!plan.PreventSelfReview)
            return null;
        if (release.Requester is { } requester && Same(requester, user))
            return $"{RequesterRule}: {user} requested release {release.Id}";
        return release.Author is { } author && author.Is(user)
            ? $"{AuthorRule}: {user} is the author of commit {Short(release.Commit ?? "unknown")} ({author})" : null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Short(string text) => text[(text.LastIndexOf(':') + 1)..] is var hex && hex.Length > 12 ? hex[..12] : hex;
}

/// <summary>Where a release waiting for approval stands: <see cref="Summary"/> is what status and history print.</summary>
public sealed record ApprovalTally(int Required, bool Hotfix, IReadOnlyList<Approval> Counted, IReadOnlyList<VoidApproval> NotCounted)
{
    public bool Met => Counted.Count >= Required;

    /// <summary>The reason of a stage that awaits approval.</summary>
    public string Waiting => $"waits for approval: {Summary}";

    /// <summary>For example "1 of 2 approvals (bob); alice's does not count: the requester of a release cannot approve it …".</summary>
    public string Summary
    {
        get
        {
            var who = Counted.Count == 0 ? "" : $" ({string.Join(", ", Counted.Select(a => a.By))})";
            var hotfix = Hotfix ? " (hotfix count)" : "";
            var notCounted = NotCounted.Select(v => $"; {v.Approval.By}'s does not count: {v.Why}");
            return $"{Counted.Count} of {Required} approvals{hotfix}{who}{string.Concat(notCounted)}";
        }
    }
}

/// <param name="Why">The rule it breaks, and how.</param>
public sealed record VoidApproval(Approval Approval, string Why);
