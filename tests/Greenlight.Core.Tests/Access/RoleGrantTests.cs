using Greenlight.Core.Access;

namespace Greenlight.Core.Tests.Access;

public sealed class RoleGrantTests
{
    [Theory]
    [InlineData(Role.Viewer, "read")]
    [InlineData(Role.Deployer, "read deploy")]
    [InlineData(Role.Approver, "read approve")]
    [InlineData(Role.Admin, "read deploy approve admin")]
    public void Role_GrantsExactlyItsPermissions(Role role, string permissions) =>
        Assert.Equal(permissions, string.Join(' ', Enum.GetValues<Permission>().Where(p => role.Grants(p)).Select(p => p.ToString().ToLowerInvariant())));

    [Theory]
    [InlineData("shop", "production", "shop", "production", true)]
    [InlineData("shop", "production", "shop", "staging", false)]
    [InlineData("shop", "production", "billing", "production", false)]
    [InlineData("shop", "*", "shop", "production", true)]
    [InlineData("*", "staging", "billing", "staging", true)]
    [InlineData("shop", "*", null, "production", false)] // no app named among several: every app is needed
    [InlineData("*", "*", null, null, true)]
    [InlineData("shop", "production", "shop", null, false)] // the app as a whole: every environment is needed
    [InlineData("shop", "*", "shop", null, true)]
    public void Deployer_DeploysOnlyWhereGranted(string app, string environment, string? onApp, string? onEnvironment, bool allowed) =>
        Assert.Equal(allowed, new RoleGrant("alice", Role.Deployer, app, environment).Allows(Permission.Deploy, onApp, onEnvironment));

    [Fact]
    public void Viewer_OfOneEnvironment_ReadsTheAppAsAWhole_ButNotAnotherEnvironment()
    {
        var grant = new RoleGrant("alice", Role.Viewer, "shop", "staging");

        Assert.True(grant.Allows(Permission.Read, "shop", null));
        Assert.False(grant.Allows(Permission.Read, "shop", "production"));
        Assert.False(grant.Allows(Permission.Deploy, "shop", "staging"));
    }

    [Fact]
    public void Grants_WithoutThePermissionAnywhere_AreToldApartFromGrantsElsewhere()
    {
        var grants = new Grants([new RoleGrant("alice", Role.Approver, "*", "*"), new RoleGrant("alice", Role.Deployer, "billing", "*")]);

        Assert.True(grants.AllowSomewhere(Permission.Deploy));
        Assert.False(grants.Allow(Permission.Deploy, "shop", "production"));
        Assert.True(grants.Allow(Permission.Approve, "shop", "production"));
        Assert.False(grants.AllowSomewhere(Permission.Admin));
        Assert.Equal("approver on */*, deployer on billing/*", grants.ToString());
    }

    [Theory]
    [InlineData("deployer", true)]
    [InlineData("ADMIN", true)]
    [InlineData("owner", false)]
    [InlineData("2", false)]
    [InlineData(null, false)]
    public void Roles_TryParse_TakesOnlyTheFourNames(string? text, bool parsed) => Assert.Equal(parsed, Roles.TryParse(text, out _));
}
