using Greenlight.Providers.Targets.Process;

namespace Greenlight.Providers.Tests.Targets.Process;

public sealed class ProcStatTests
{
    [Fact]
    public void Parse_CommWithSpacesAndParentheses_ReadsFieldsAfterLastParenthesis()
    {
        const string stat = "4242 (we (ird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

        var parsed = ProcStat.Parse(stat);

        Assert.Equal(new ProcStat('S', 4242, 987654, 4194560), parsed);
        Assert.False(parsed.IsKernelThread);
    }

    [Fact]
    public void Read_ThisProcess_IsAlive()
    {
        Assert.True(ProcStat.Read(Environment.ProcessId)?.IsAlive);
    }

    [Fact]
    public void Age_ThisProcess_IsTheTimeSinceItStarted()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();

        var age = ProcStat.Read(Environment.ProcessId)!.Value.Age;

        Assert.InRange(age - (DateTime.Now - self.StartTime), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Read_PidAbovePidMax_ReturnsNull()
    {
        Assert.Null(ProcStat.Read(int.MaxValue));
    }

    [Theory]
    [InlineData('Z', false)]
    [InlineData('X', false)]
    [InlineData('S', true)]
    [InlineData('R', true)]
    [InlineData('D', true)]
    public void IsAlive_State_MatchesWhetherTheProcessRuns(char state, bool alive)
    {
        Assert.Equal(alive, new ProcStat(state, 1, 1).IsAlive);
    }
}
