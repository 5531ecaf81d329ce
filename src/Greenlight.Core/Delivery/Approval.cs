namespace Greenlight.Core.Delivery;

/// <summary>One person's approval of a release into one environment, kept on its stage whether it counts or not.</summary>
/// <param name="ManifestDigest">The manifest the release carried when it was given: it counts for that manifest only.</param>
public sealed record Approval(string By, DateTimeOffset At, string Reason, string ManifestDigest);

/// <summary>The git author of the released commit, as the CLI read it at deploy.</summary>
public sealed record CommitAuthor(string? Name, string? Email)
{
    /// <summary>A user is the author when their name is the author's name, email, or the email's local part (any case).</summary>
    public bool Is(string user) =>
        Same(user, Name) || Same(user, Email) || (Email?.IndexOf('@') is > 0 and var at && Same(user, Email[..at]));

    public override string ToString() => (Name, Email) switch
    {
        ({ } name, { } email) => $"{name} <{email}>",
        _ => Name ?? Email ?? "unknown",
    };

    private static bool Same(string user, string? other) => other is not null && string.Equals(user, other, StringComparison.OrdinalIgnoreCase);
}
