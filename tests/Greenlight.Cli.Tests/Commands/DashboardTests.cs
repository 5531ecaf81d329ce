using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;
using Microsoft.Playwright;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>The dashboard in Debian's Chromium against a real controller: log in, watch a canary, see it rolled back;
/// approve a release as a second user and see the approval in the audit view.</summary>
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
        var launching = LaunchAsync(playwright);
        // No Pass without evidence: a healthy canary stays inconclusive, one look every 250 ms, until it is aborted.
        using var ws = JudgedCanary.Create("{minCanaryRequests: 50, maxCanaryRequests: 1000000}");
        await Git.InitAndCommitAsync(ws.Directory, ws.Cancellation); // releases of a commit: DORA has a lead time
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        var (url, token) = await ControllerOfAsync(ws);
        using (var anonymous = new HttpClient())
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url + "/v1/stream", ws.Cancellation)).StatusCode);

        await using var browser = await launching;
        var (page, problems, requests) = await OpenAsync(browser);

        var response = await page.GotoAsync(url + "/");
        Assert.Contains("default-src 'none'", response!.Headers["content-security-policy"]);
        await LogInByKeyboardAsync(page, token);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.Locator("tr[data-lane=shop] [data-testid=serving]")).ToHaveTextAsync("1.0");
        await Assertions.Expect(page.Locator("#approvals-body")).ToContainTextAsync("No release awaits approval.");
        // The CLI's deploy went through the API: the audit view has it, and the chain verifies.
        await Assertions.Expect(page.Locator("#audit-body tr", new() { HasText = "POST /v1/deployments" })).ToContainTextAsync("ok (202)");
        await Assertions.Expect(page.Locator("[data-testid=audit-verify]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Intact: entries 1–"));

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

    [Fact]
    public async Task Dashboard_ApproverLogsIn_ApprovesByKeyboardWhatTheAdminRequested_TheAdminsOwnApprovalShowsTheRule_TheAuditViewShowsItIntact()
    {
        using var playwright = await Playwright.CreateAsync();
        var launching = LaunchAsync(playwright);
        using var ws = new CliWorkspace(edit: text => text + $$$"""

            environments:
              - name: production
                approval: {required: 1, from: [approver]}
                regions: [{name: one-box, edge: {listen: {{{Ports.FreeListen()}}}}}]
            """);
        await ws.StartControllerAsync();
        // The local controller's caller is its admin: the admin requests the release.
        var deployed = await ws.RunAsync("deploy", "1.0");
        Assert.True(deployed.ExitCode == 0, deployed.Stdout + deployed.Stderr);
        var id = System.Text.RegularExpressions.Regex.Match(deployed.Stdout, @"release (rs-[0-9a-f]+) into").Groups[1].Value;
        var (url, adminToken) = await ControllerOfAsync(ws);
        var bobToken = await UserAsync(url, adminToken, "bob", "approver");

        await using var browser = await launching;
        // The admin's refused approval is a 403, which Chromium logs: that one is expected.
        var (page, problems, requests) = await OpenAsync(browser, expectedStatus: 403);
        await page.GotoAsync(url + "/");
        await LogInByKeyboardAsync(page, adminToken);
        var card = page.Locator($"#approvals-body [data-release={id}]");
        await Assertions.Expect(card).ToContainTextAsync("shop 1.0 into production");
        await Assertions.Expect(card.GetByTestId("tally")).ToHaveTextAsync("Approvals: 0 of 1 approvals");
        await Assertions.Expect(card).ToContainTextAsync("requested by admin");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(card.GetByTestId("approval-outcome")).ToHaveTextAsync("A reason is required: say why you approve.");
        await card.GetByLabel("Reason (required)").FillAsync("mine, but fine");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(card.GetByTestId("approval-outcome")).ToHaveTextAsync(
            $"Refused (403): the requester of a release cannot approve it (preventSelfReview): admin requested release {id}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "approval-refused-1280x800.png"), FullPage = true });
        await page.Locator("#logout").ClickAsync();

        // bob, with a token of his own, decides with the keyboard alone: the reason, Tab to Approve, Enter.
        await LogInByKeyboardAsync(page, bobToken);
        await Assertions.Expect(card.GetByTestId("tally")).ToHaveTextAsync("Approvals: 0 of 1 approvals");
        await card.GetByLabel("Reason (required)").FocusAsync();
        await page.Keyboard.TypeAsync("read the diff");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#approvals-status")).ToHaveTextAsync("Approved shop 1.0 into production.");
        await Assertions.Expect(page.Locator("#approvals-body")).ToContainTextAsync("No release awaits approval.");

        // The audit view: bob's approval and the admin's refusal, and the chain intact.
        var approval = page.Locator("#audit-body tr", new() { HasText = $"release {id}" });
        await Assertions.Expect(approval.Filter(new() { HasText = "bob" })).ToContainTextAsync($"POST /v1/releases/{{id}}/approve");
        await Assertions.Expect(approval.Filter(new() { HasText = "bob" })).ToContainTextAsync("ok (202)");
        await Assertions.Expect(approval.Filter(new() { HasText = "admin" }).Filter(new() { HasText = "/approve" })).ToContainTextAsync("refused (403)");
        await Assertions.Expect(page.Locator("[data-testid=audit-verify]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Intact: entries 1–"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "approved-1280x800.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        Assert.False(await OverflowsAsync(page), "the page scrolls sideways at 390x844 with approvals and the audit log");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "approved-390x844.png"), FullPage = true });

        Assert.DoesNotContain(requests, r => r.Contains(bobToken, StringComparison.Ordinal) || r.Contains(adminToken, StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });

    /// <summary>A 1280x800 page that records every script error and console error (but a response of
    /// <paramref name="expectedStatus"/>) as a problem, and every URL it asks for.</summary>
    private static async Task<(IPage Page, List<string> Problems, List<string> Requests)> OpenAsync(IBrowser browser, int? expectedStatus = null)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        // Waits are for conditions; the bound is for a loaded 2-core machine starting .NET revisions.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !(expectedStatus is { } status && message.Text.Contains($"status of {status}", StringComparison.Ordinal)))
                problems.Add($"{message.Text} ({message.Location})");
        };
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        return (page, problems, requests);
    }

    /// <summary>The login field has the focus: the token is typed and sent with the keyboard alone.</summary>
    private static async Task LogInByKeyboardAsync(IPage page, string token)
    {
        await Assertions.Expect(page.GetByLabel("API token")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(token);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#board")).ToBeVisibleAsync();
    }

    private static async Task<(string Url, string Token)> ControllerOfAsync(CliWorkspace ws)
    {
        var state = Path.Combine(ws.Directory, ".greenlight");
        using var endpoint = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "controller.json")));
        return (endpoint.RootElement.GetProperty("Url").GetString()!.TrimEnd('/'), (await File.ReadAllTextAsync(Path.Combine(state, "token"))).Trim());
    }

    /// <summary>A user the admin creates through the API with <paramref name="role"/> everywhere, and a token of their own.</summary>
    private static async Task<string> UserAsync(string url, string adminToken, string name, string role)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(url + "/") };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        (await admin.PostAsJsonAsync("v1/users", new { name })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"v1/users/{name}/grants", new { role, app = "*", environment = "*" })).EnsureSuccessStatusCode();
        using var created = await admin.PostAsJsonAsync("v1/tokens", new { owner = name });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
}
