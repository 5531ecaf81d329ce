using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Values of the right type that break a rule: names, addresses, durations, status codes, methods, paths.</summary>
public sealed class ManifestValueTests
{
    private const string Listen = "host:port such as 127.0.0.1:8080 (an IP address or localhost, port 1-65535)";

    /// <summary>A check whose single step takes <paramref name="lines"/>; they start on line 10 at column 9.</summary>
    private static string Step(string lines) => With($"checks:\n  - name: a\n    steps:\n      - path: /\n        {lines}");

    [Theory]
    [InlineData("Shop")]
    [InlineData("1shop")]
    [InlineData("-shop")]
    [InlineData("shop_app")]
    public void Parse_BadAppName_IsReported(string name) =>
        Assert.Equal(
            [$"greenlight.yaml:1:6: app: found \"{name}\", expected a name of lowercase letters, digits and '-' that starts with a letter, at most 63 characters"],
            Errors(Minimal.Replace("app: shop", $"app: {name}")));

    [Fact]
    public void Parse_LongestAppName_IsAccepted() =>
        Assert.Empty(Errors(Minimal.Replace("app: shop", "app: s" + new string('9', 62))));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData(":8080")]
    [InlineData("8080:80")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:http")]
    [InlineData("example.com:80")]
    [InlineData("127.1:80")]
    [InlineData("::1:80")]
    [InlineData("\"[127.0.0.1]:80\"")]
    public void Parse_BadListenAddress_IsReported(string listen) =>
        Assert.Equal([$"greenlight.yaml:5:11: edge.listen: found \"{listen.Trim('"')}\", expected {Listen}"], Errors(Minimal.Replace("127.0.0.1:8080", listen)));

    [Theory]
    [InlineData("localhost:80")]
    [InlineData("0.0.0.0:8080")]
    [InlineData("\"[::1]:65535\"")]
    public void Parse_GoodListenAddress_IsAccepted(string listen) => Assert.Empty(Errors(Minimal.Replace("127.0.0.1:8080", listen)));

    [Theory]
    [InlineData("30", "a duration such as 30s, 5m, 24h")]
    [InlineData("-5s", "a duration such as 30s, 5m, 24h")]
    [InlineData("1.5h", "a duration such as 30s, 5m, 24h")]
    [InlineData("0s", "a duration longer than 0s")]
    public void Parse_BadTimeout_IsReported(string timeout, string expected) =>
        Assert.Equal([$"greenlight.yaml:7:12: health.timeout: found \"{timeout}\", expected {expected}"], Errors(With($"health:\n  timeout: {timeout}")));

    [Fact]
    public void Parse_ZeroWarmPeriod_IsAccepted() =>
        Assert.Equal(TimeSpan.Zero, ManifestLoader.Parse(With("strategy:\n  blueGreen:\n    warmFor: 0s"), "greenlight.yaml").GetOrThrow().Strategy.BlueGreen?.WarmFor);

    [Theory]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("ok")]
    [InlineData("200.0")]
    public void Parse_BadStatusCode_IsReported(string status) =>
        Assert.Equal(
            [$"greenlight.yaml:11:19: checks[0].steps[0].expect.status: found \"{status}\", expected an HTTP status code from 100 to 599"],
            Errors(Step($"expect:\n          status: {status}")));

    [Fact]
    public void Parse_UnknownHttpMethod_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:10:17: checks[0].steps[0].method: found \"FETCH\", expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
            Errors(Step("method: FETCH")));

    [Fact]
    public void Parse_StepPathWithoutSlash_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:9:15: checks[0].steps[0].path: found \"login\", expected a path starting with /"],
            Errors(With("checks:\n  - name: a\n    steps:\n      - path: login")));

    [Theory]
    [InlineData("headers: {\"bad header\": x}", "greenlight.yaml:10:19: checks[0].steps[0].headers: found \"bad header\", expected an HTTP header name such as Authorization")]
    [InlineData("capture: {my-token: $.t}", "greenlight.yaml:10:19: checks[0].steps[0].capture: found \"my-token\", expected a variable name of letters, digits and _")]
    [InlineData("capture: {token: token}", "greenlight.yaml:10:26: checks[0].steps[0].capture.token: found \"token\", expected a JSON path such as $.user.name or $.items[0]")]
    [InlineData("expect: {jsonExists: [\"$.items[\"]}", "greenlight.yaml:10:31: checks[0].steps[0].expect.jsonExists[0]: found \"$.items[\", expected a JSON path such as $.user.name or $.items[0]")]
    [InlineData("expect: {json: {\"$.a\": {b: c}}}", "greenlight.yaml:10:32: checks[0].steps[0].expect.json[\"$.a\"]: found a mapping, expected a string")]
    public void Parse_BadStepEntry_IsReported(string line, string expected) => Assert.Equal([expected], Errors(Step(line)));

    [Theory]
    [InlineData("PORT", "a name other than PORT, which Greenlight sets to the revision's port")]
    [InlineData("1ST", "an environment variable name such as SHOP_MODE")]
    public void Parse_BadEnvironmentName_IsReported(string name, string expected) =>
        Assert.Equal(
            [$"greenlight.yaml:4:9: run.env: found \"{name}\", expected {expected}"],
            Errors(Minimal.Replace("command: dotnet", $"command: dotnet\n  env: {{{name}: x}}")));
}
