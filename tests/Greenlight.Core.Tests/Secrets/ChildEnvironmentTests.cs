using System.Collections;
using Greenlight.Core.Secrets;

namespace Greenlight.Core.Tests.Secrets;

public sealed class ChildEnvironmentTests
{
    private static readonly Hashtable Controller = new()
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = "/home/ops",
        ["LC_ALL"] = "C.UTF-8",
        ["DOTNET_ROOT"] = "/usr/share/dotnet",
        ["SHOP_DB"] = "Host=db;Password=hunter2hunter2",
        ["AWS_SECRET_ACCESS_KEY"] = "planted",
        ["PATHEXT"] = "not PATH",
    };

    [Fact]
    public void Build_ControllerEnvironment_PassesOnlyTheAllowListAndWhatIsGiven()
    {
        var environment = ChildEnvironment.Build(Controller, [new("SHOP_VERSION", "2.0")]);

        Assert.Equal(new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = "/home/ops",
            ["LC_ALL"] = "C.UTF-8",
            ["DOTNET_ROOT"] = "/usr/share/dotnet",
            ["SHOP_VERSION"] = "2.0",
        }, environment);
    }

    [Fact]
    public void Build_GivenVariableOfAnAllowedName_WinsOverTheControllers()
    {
        var environment = ChildEnvironment.Build(Controller, [new("HOME", "/srv/shop"), new("SHOP_DB", "Data Source=shop.db")]);

        Assert.Equal("/srv/shop", environment["HOME"]);
        Assert.Equal("Data Source=shop.db", environment["SHOP_DB"]); // given by the manifest: the operator's choice
    }
}
