using OrleansMesos.Agent.Runtimes.Processes;

namespace OrleansMesos.Agent.Tests.Processes;

public sealed class ProcStatTests
{
    private const string Tail = "0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0 987654 5000000 200 18446744073709551615";

    [Fact]
    public void FieldsAreCountedFromTheLastParenthesis()
    {
        // A command name may hold spaces and parentheses.
        var stat = ProcStat.Parse($"4242 (my (odd) name) S 1 4242 4241 {Tail}");

        Assert.Equal(new ProcStat(4242, 'S', 1, 4242, 4241, 987654), stat);
        Assert.False(stat!.Value.HasExited);
    }

    [Theory]
    [InlineData('Z', true)]
    [InlineData('X', true)]
    [InlineData('R', false)]
    [InlineData('D', false)]
    public void ZombiesAndTheDeadHaveExited(char state, bool exited) =>
        Assert.Equal(exited, ProcStat.Parse($"7 (sh) {state} 1 7 7 {Tail}")!.Value.HasExited);

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("12 (sh) S 1 2")]
    [InlineData("x (sh) S 1 12 12 " + Tail)]
    public void WhatIsNotAStatLineIsNull(string line) => Assert.Null(ProcStat.Parse(line));

    [Fact]
    public void ThisProcessReadsAsAliveWithItsOwnStartTime()
    {
        var self = ProcFs.Read(Environment.ProcessId);

        Assert.NotNull(self);
        Assert.True(ProcFs.IsAlive(Environment.ProcessId, self.Value.StartTime));
        Assert.False(ProcFs.IsAlive(Environment.ProcessId, self.Value.StartTime + 1));
        Assert.False(ProcFs.IsAlive(0, 0));
    }
}
