namespace Greenlight.Core.Access;

/// <summary>What an API call does, as its endpoint declares it.</summary>
public enum Permission { Read, Deploy, Approve, Admin }

/// <summary>What a person or service account may do, granted per app and environment.</summary>
public enum Role { Viewer, Deployer, Approver, Admin }

public static class Roles
{
    /// <summary>viewer reads; deployer reads and deploys (promote, abort, roll back); approver reads and approves or
    /// rejects; admin does all of that and manages users and tokens.</summary>
    public static bool Grants(this Role role, Permission permission) => (role, permission) switch
    {
        (Role.Admin, _) => true,
        (_, Permission.Read) => true,
        (Role.Deployer, Permission.Deploy) or (Role.Approver, Permission.Approve) => true,
        _ => false,
    };

    /// <summary>The least role that grants <paramref name="permission"/>, as error messages suggest it.</summary>
    public static Role LeastFor(Permission permission) => permission switch
    {
        Permission.Read => Role.Viewer,
        Permission.Deploy => Role.Deployer,
        Permission.Approve => Role.Approver,
        _ => Role.Admin,
    };

    public static string Name(this Role role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Role role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);
}
