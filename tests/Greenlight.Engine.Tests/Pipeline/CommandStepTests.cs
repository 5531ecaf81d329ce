using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Tests.Pipeline;

/// <summary>Command steps run for real through sh: output, exit codes, test results, timeouts, fail fast.</summary>
public sealed class CommandStepTests
{
    private static readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private const string JUnitWithOneFailure = """
        <testsuites><testsuite name="cart" tests="3">
          <testcase classname="Shop.CartTests" name="Total_IsSum"/>
          <testcase classname="Shop.CartTests" name="Discount_Applies"><failure message="expected 90 but was 100">trace</failure></testcase>
          <testcase classname="Shop.CartTests" name="Empty_IsZero"/>
          <testcase classname="Shop.CartTests" name="Slow"><skipped/></testcase>
        </testsuite></testsuites>
        """;

    [Fact]
    public async Task FailingTestStep_StopsThePipeline_WithItsLogAndCountsInTheRun()
    {
        using var w = new PipelineWorkspace();
        w.Write("fixtures/junit.xml", JUnitWithOneFailure);
        var run = await w.RunAsync("""
                - name: test
                  steps:
                    - name: unit
                      run: echo "running 4 tests"; mkdir -p out; cp fixtures/junit.xml out/junit.xml; echo "1 failed" >&2; exit 1
                      testResults: ["out/*.xml"]
                - name: scan
                  steps:
                    - name: secrets
                      check: secrets
            """, Ct);

        Assert.Equal(PipelineStatus.Failed, run.Status);
        var unit = run.Steps[0];
        Assert.Equal((StepStatus.Failed, 1), (unit.Status, unit.ExitCode));
        Assert.Equal(new TestCounts(4, 2, 1, 1), unit.Tests);
        Assert.Equal(["test failed: Shop.CartTests.Discount_Applies: expected 90 but was 100"], unit.Findings);
        Assert.StartsWith("1 of 4 tests failed", unit.Reason);
        var log = await File.ReadAllLinesAsync(unit.Log, Ct);
        Assert.Contains("running 4 tests", log);
        Assert.Contains("1 failed", log);
        Assert.Equal(StepStatus.Skipped, run.Steps[1].Status);
        Assert.DoesNotContain("start scan/secrets", w.Seen);
        Assert.Contains("out test/unit: running 4 tests", w.Seen);
    }

    [Fact]
    public async Task PassingSteps_RunInOrderAndTheRunIsStoredAsPassed()
    {
        using var w = new PipelineWorkspace();
        var service = w.Service("""
                - name: build
                  steps:
                    - name: one
                      command: [sh, -c, "echo first >> order.txt"]
                    - name: two
                      run: echo second >> order.txt
            """);

        var run = await service.RunAsync("pl-test0001", "2.0", w, Ct);

        Assert.Equal(PipelineStatus.Passed, run.Status);
        Assert.Equal(["first", "second"], await File.ReadAllLinesAsync(Path.Combine(w.Root, "order.txt"), Ct));
        Assert.Equal(["start build/one", "end build/one: Passed", "start build/two", "end build/two: Passed"], w.Seen);
        Assert.Equal(run, await service.GetAsync("pl-test0001", Ct), PipelineRunComparer.Instance);
    }

    [Fact]
    public async Task TrxResults_AreCounted()
    {
        using var w = new PipelineWorkspace();
        w.Write("fixtures/run.trx", """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="Shop.Tests.Login_Works" outcome="Passed" />
                <UnitTestResult testName="Shop.Tests.Cart_Works" outcome="Passed" />
                <UnitTestResult testName="Shop.Tests.Later" outcome="NotExecuted" />
              </Results>
              <ResultSummary outcome="Completed"><Counters total="3" passed="2" failed="0" /></ResultSummary>
            </TestRun>
            """);

        var run = await w.RunAsync("""
                - name: test
                  steps:
                    - name: unit
                      run: mkdir -p TestResults && cp fixtures/run.trx TestResults/
                      testResults: ["TestResults/**/*.trx"]
            """, Ct);

        Assert.Equal(PipelineStatus.Passed, run.Status);
        Assert.Equal(new TestCounts(3, 2, 0, 1), run.Steps[0].Tests);
    }

    [Fact]
    public async Task ResultFilesFromAnEarlierRun_DoNotCount_AndNoneWrittenFailsTheStep()
    {
        using var w = new PipelineWorkspace();
        var stale = w.Write("out/junit.xml", JUnitWithOneFailure);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));

        var run = await w.RunAsync("""
                - name: test
                  steps:
                    - name: unit
                      run: "true"
                      testResults: ["out/*.xml"]
            """, Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Contains("no test results matching out/*.xml were written", run.Steps[0].Reason);
    }

    [Fact]
    public async Task TestResultsNested50000Deep_FailTheStepWithFileLineAndColumn()
    {
        using var w = new PipelineWorkspace();
        var deep = string.Concat(Enumerable.Repeat("<a>", 50_000)) + string.Concat(Enumerable.Repeat("</a>", 50_000));
        w.Write("fixtures/junit.xml", $"<testsuite>\n<testcase name=\"t\"><failure>{deep}</failure></testcase></testsuite>");

        var run = await w.RunAsync("""
                - name: test
                  steps:
                    - name: unit
                      run: mkdir -p out; cp fixtures/junit.xml out/junit.xml
                      testResults: ["out/*.xml"]
            """, Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.Matches(@"out/junit\.xml:2:\d+: not valid XML: an element nested more than 256 levels deep", run.Steps[0].Reason);
    }

    [Fact]
    public async Task StepOverItsTimeout_IsKilledWithItsChildren()
    {
        using var w = new PipelineWorkspace();
        var run = await w.RunAsync("""
                - name: build
                  steps:
                    - name: hangs
                      run: sleep 120 & echo $! > child.pid; wait
                      timeout: 1s
            """, Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.StartsWith("timed out after 1s", run.Steps[0].Reason);
        var child = int.Parse(await File.ReadAllTextAsync(Path.Combine(w.Root, "child.pid"), Ct), System.Globalization.CultureInfo.InvariantCulture);
        await Until(() => !Alive(child));
    }

    [Fact]
    public async Task Cancelled_KillsTheStepAndRecordsTheRunAsStopped()
    {
        using var w = new PipelineWorkspace();
        var service = w.Service("""
                - name: build
                  steps:
                    - name: slow
                      run: echo started; sleep 120
                    - name: never
                      run: "true"
            """);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = service.RunAsync("pl-test0002", null, w, abort.Token);
        await Until(() => w.Seen.Contains("out build/slow: started"));

        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var stored = await service.GetAsync("pl-test0002", Ct);
        Assert.Equal(PipelineStatus.Failed, stored!.Status);
        Assert.Equal([StepStatus.Failed, StepStatus.Skipped], stored.Steps.Select(s => s.Status));
        Assert.StartsWith("stopped before it finished", stored.Steps[0].Reason);
    }

    [Fact]
    public async Task TwoRunsAtOnce_TakeTurnsOnTheWorkingTree()
    {
        using var w = new PipelineWorkspace();
        var service = w.Service("""
                - name: build
                  steps:
                    - name: compile
                      run: echo start >> trace; while [ ! -f go ]; do sleep 0.05; done; echo end >> trace
            """);
        var first = service.RunAsync("pl-first001", null, w, Ct);
        await Until(() => File.Exists(Path.Combine(w.Root, "trace")));

        var second = service.RunAsync("pl-secnd001", null, w, Ct);
        await Until(() => w.Seen.Contains("waiting"));
        await File.WriteAllTextAsync(Path.Combine(w.Root, "go"), "", Ct);

        Assert.Equal(PipelineStatus.Passed, (await first).Status);
        Assert.Equal(PipelineStatus.Passed, (await second).Status);
        Assert.Equal(["start", "end", "start", "end"], await File.ReadAllLinesAsync(Path.Combine(w.Root, "trace"), Ct));
    }

    [Fact]
    public async Task MissingProgram_FailsTheStepWithTheReason()
    {
        using var w = new PipelineWorkspace();
        var run = await w.RunAsync("""
                - name: build
                  steps:
                    - name: compile
                      command: [no-such-compiler-here, --version]
            """, Ct);

        Assert.Equal(StepStatus.Failed, run.Steps[0].Status);
        Assert.StartsWith("cannot start no-such-compiler-here", run.Steps[0].Reason);
    }

    [Fact]
    public async Task OutputHoldingASecret_IsMaskedInTheLogAndLiveOutput()
    {
        using var w = new PipelineWorkspace();
        var token = "gh" + "p_" + new string('x', 4) + "Q7ZT3XK2VB6N4MWRa9c8d7e6f5g4h3j2k1"; // built here: no literal token in the repository
        w.Write("env.txt", $"GITHUB_TOKEN={token}\n");

        var run = await w.RunAsync("""
                - name: build
                  steps:
                    - name: env
                      run: cat env.txt
            """, Ct);

        var log = await File.ReadAllTextAsync(run.Steps[0].Log, Ct);
        Assert.DoesNotContain(token, log);
        Assert.Contains("GITHUB_TOKEN=ghp_****", log);
        Assert.DoesNotContain(w.Seen, s => s.Contains(token, StringComparison.Ordinal));
    }

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Trim()[0] != 'Z';

    private static async Task Until(Func<bool> condition)
    {
        while (!condition())
            await Task.Delay(20, Ct);
    }
}
