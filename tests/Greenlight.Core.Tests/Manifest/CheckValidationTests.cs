using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Rules that span keys: unique check names and where <c>${...}</c> placeholders may be used.</summary>
public sealed class CheckValidationTests
{
    [Fact]
    public void Parse_DuplicatedCheckName_PointsAtTheSecondOne() =>
        Assert.Equal(
            ["greenlight.yaml:11:11: checks[2].name: found \"shopper\" a second time, expected a name no other check uses"],
            Errors(With("""
                checks:
                  - name: shopper
                    steps: [{path: /}]
                  - name: browser
                    steps: [{path: /}]
                  - name: shopper
                    steps: [{path: /}]
                """)));

    [Fact]
    public void Parse_VariablesCapturedByEarlierSteps_AreAccepted()
    {
        var result = ManifestLoader.Parse(With("""
            checks:
              - name: shopper
                steps:
                  - {method: POST, path: /login, capture: {token: $.token}}
                  - {method: POST, path: /cart, capture: {cart: "$.id"}}
                  - method: PUT
                    path: /cart/${cart}
                    headers: {Authorization: "Bearer ${token}"}
                    body: '{"cart": "${cart}"}'
            """), "greenlight.yaml");

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_VariableCapturedOnlyLater_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:10:34: checks[0].steps[0].headers.Authorization: found \"Bearer ${token}\", expected no ${...} placeholder: no earlier step of this check captures a variable"],
            Errors(With("""
                checks:
                  - name: shopper
                    steps:
                      - path: /cart
                        headers: {Authorization: "Bearer ${token}"}
                      - {path: /login, capture: {token: $.token}}
                """)));

    [Fact]
    public void Parse_VariableCapturedByAnotherCheck_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:12:15: checks[1].steps[0].body: found \"${token}\", expected no ${...} placeholder: no earlier step of this check captures a variable"],
            Errors(With("""
                checks:
                  - name: first
                    steps: [{path: /login, capture: {token: $.token}}]
                  - name: second
                    steps:
                      - path: /cart
                        body: ${token}
                """)));

    [Fact]
    public void Parse_UnknownVariableWhenOthersAreCaptured_ListsTheCapturedOnes() =>
        Assert.Equal(
            ["greenlight.yaml:10:15: checks[0].steps[1].path: found \"/cart/${version}\", expected only variables captured by an earlier step of this check: token"],
            Errors(With("""
                checks:
                  - name: shopper
                    steps:
                      - {path: /login, capture: {token: $.token}}
                      - path: /cart/${version}
                """)));

    [Fact]
    public void Parse_RunPlaceholderOtherThanVersion_IsReported() =>
        Assert.Equal(
            [
                "greenlight.yaml:3:12: run.command: found \"./shop-${version}\", expected no ${...} placeholder: only args, env values and image take ${version}",
                "greenlight.yaml:4:10: run.args[0]: found \"${port}\", expected no placeholder other than ${version}",
            ],
            Errors(Minimal.Replace("command: dotnet", "command: ./shop-${version}\n  args: [\"${port}\", \"${version}\"]")));
}
