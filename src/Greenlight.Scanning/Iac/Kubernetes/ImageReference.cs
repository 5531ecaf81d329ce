using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Iac.Kubernetes;

/// <summary>An OCI image reference split into repository, tag and digest (<c>registry:5000/team/app:1.2@sha256:...</c>).</summary>
internal sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    // algorithm:hex as the OCI spec defines it; anything else the runtime rejects, so it pins nothing.
    private static readonly Regex DigestFormat = new(@"^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$", RegexOptions.CultureInvariant);

    public bool IsDigestPinned => Digest is not null && DigestFormat.IsMatch(Digest);

    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@');
        var name = at < 0 ? image : image[..at];
        var digest = at < 0 ? null : image[(at + 1)..];
        // A colon before the last slash is a registry port, not a tag.
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/')
            ? new ImageReference(name[..colon], name[(colon + 1)..], digest)
            : new ImageReference(name, null, digest);
    }
}
