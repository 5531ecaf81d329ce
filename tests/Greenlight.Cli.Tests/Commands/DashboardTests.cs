using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;
using Microsoft.Playwright;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>The dashboard in Debian's Chromium against a real controller: log in, watch a canary, see it rolled back.</summary>
public sealed class DashboardTests
{
    /// <summary>Without the background-networking flags, this machine's closed network refuses Chromium's connections.</summary>
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static readonly string Artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard")).FullName;

    [Fact]
    public async Task Dashboard_LoggedInByKeyboard_DrawsTheCanarysSplitAndGrowingChart_ThenItsRollback_AtDesktopAndPhoneWidths()
    {
        // Chromium starts while the controller and the first release do; disposing Playwright ends it.
        using var playwright = await Playwright.CreateAsync();
        var launching = playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        // No Pass without evidence: a healthy canary stays inconclusive, one look every 250 ms, until it is aborted.
        using var ws = JudgedCanary.Create("{minCanaryRequests: 50, maxCanaryRequests: 1000000}");
        await Git.InitAndCommitAsync(ws.Directory, ws.Cancellation); // releases of a commit: DORA has a lead time
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var state = Path.Combine(ws.Directory, ".greenlight");
        var url = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "controller.json"))).RootElement.GetProperty("Url").GetString()!.TrimEnd('/');
        var token = (await File.ReadAllTextAsync(Path.Combine(state, "token"))).Trim();
        using (var anonymous = new HttpClient())
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url + "/v1/stream", ws.Cancellation)).StatusCode);

        await using var browser = await launching;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        // Waits are for conditions; the bound is for a loaded 2-core machine starting .NET revisions.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        // The approvals and audit slots ask for endpoints this controller lacks: Chromium logs those 404s, nothing else.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 404", StringComparison.Ordinal))
                problems.Add($"{message.Text} ({message.Location})");
        };
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(url + "/");
        Assert.Contains("default-src 'none'", response!.Headers["content-security-policy"]);
        // The login field has the focus: the token is typed and sent with the keyboard alone.
        await Assertions.Expect(page.GetByLabel("API token")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(token);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.Locator("tr[data-lane=shop] [data-testid=serving]")).ToHaveTextAsync("1.0");
        await Assertions.Expect(page.Locator("#approvals-body")).ToContainTextAsync("No release awaits approval.");
        await Assertions.Expect(page.Locator("#audit-body")).ToContainTextAsync("not available");

        using var load = new PublicLoad(ws.Listen);
        var deploy = ws.RunAsync("deploy", "2.0");
        await Assertions.Expect(page.Locator("[data-testid=split]")).ToContainTextAsync("2.0 30%");
        var chart = page.Locator("[data-testid=verdict-chart]").First;
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^[1-9]"));
        var drawn = int.Parse((await chart.GetAttributeAsync("data-points"))!);
        await page.WaitForFunctionAsync("n => Number(document.querySelector('[data-testid=verdict-chart]')?.dataset.points) >= n + 2", drawn);
        await Assertions.Expect(chart.Locator("polyline.canary")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("polyline.stable")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "canary-1280x800.png"), FullPage = true });
        Assert.False(await OverflowsAsync(page), "the page scrolls sideways at 1280x800");
        await page.SetViewportSizeAsync(390, 844);
        Assert.False(await OverflowsAsync(page), "the page scrolls sideways at 390x844");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "canary-390x844.png"), FullPage = true });

        Assert.Equal(0, (await ws.RunAsync("abort")).ExitCode);
        Assert.Equal(4, (await deploy).ExitCode);
        await Assertions.Expect(page.Locator("#live-list")).ToContainTextAsync("Nothing is being released");
        await Assertions.Expect(page.Locator("#history-body tr").First).ToContainTextAsync("RolledBack");
        await Assertions.Expect(page.Locator("#dora-body")).ToContainTextAsync("1 of 2 failed");
        await Assertions.Expect(page.Locator("#dora-body")).ToContainTextAsync("median of 1");
        Assert.Equal(4, await page.Locator("#dora-body [data-testid=dora-chart]").CountAsync());
        Assert.False(await OverflowsAsync(page), "the page scrolls sideways at 390x844 with history and DORA");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "rolled-back-390x844.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "rolled-back-1280x800.png"), FullPage = true });

        // Keyboard: every control is reachable by Tab and shows where the focus is.
        await page.Locator("#logout").FocusAsync();
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        Assert.Equal(token, await page.EvaluateAsync<string>("sessionStorage.getItem('greenlight.token')"));
        Assert.DoesNotContain(requests, r => r.Contains(token, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.StartsWith(url, r));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
}
