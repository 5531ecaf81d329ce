using System.Collections;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Core.Tests.Secrets;

public sealed class SecretValuesTests
{
    [Fact]
    public void For_ManifestNamingAConnectionVariable_MasksTheStringAndItsPasswordAlone()
    {
        var manifest = ManifestLoader.Parse("""
            app: shop
            run: {command: "true"}
            edge: {listen: "127.0.0.1:8080"}
            database: {provider: postgresql, connectionFromEnv: SHOP_DB}
            """, "/srv/shop/greenlight.yaml").GetOrThrow();
        var secrets = SecretValues.For(manifest, new Hashtable { ["SHOP_DB"] = "Host=db;Username=shop;Password=tulip-garden" });

        Assert.Equal("connect to ****: failed", secrets.Apply("connect to Host=db;Username=shop;Password=tulip-garden: failed"));
        Assert.Equal("password **** refused", secrets.Apply("password tulip-garden refused"));
        Assert.Equal("Host=db alone is no secret", secrets.Apply("Host=db alone is no secret"));
    }

    [Fact]
    public void AddConnectionString_UriWithCredentials_MasksThePasswordEscapedOrNot()
    {
        var secrets = new SecretValues();
        secrets.AddConnectionString("postgres://shop:p%40ss-word@db.internal:5432/shop");

        Assert.Equal("bad password **** (****)", secrets.Apply("bad password p@ss-word (p%40ss-word)"));
        Assert.Equal("url ****", secrets.Apply("url postgres://shop:p%40ss-word@db.internal:5432/shop"));
    }

    [Fact]
    public void Add_ValueContainingAnother_IsMaskedWhole()
    {
        var secrets = new SecretValues();
        secrets.Add("abcd");
        secrets.Add("xxabcdxx");
        secrets.Add("ab"); // too short to mask without garbling everything

        Assert.Equal("****, **** and ab", secrets.Apply("xxabcdxx, abcd and ab"));
        Assert.Null(secrets.Apply(null));
    }
}
