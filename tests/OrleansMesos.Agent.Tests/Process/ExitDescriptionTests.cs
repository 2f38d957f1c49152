using OrleansMesos.Agent.Runtimes.Processes;

namespace OrleansMesos.Agent.Tests.Processes;

public sealed class ExitDescriptionTests
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(0, null)]
    [InlineData(3, "exited with code 3")]
    [InlineData(255, "exited with code 255")]
    [InlineData(139, "ended by SIGSEGV (11)")]
    [InlineData(143, "ended by SIGTERM (15)")]
    [InlineData(128 + 34, "ended by signal 34 (34)")]
    public void AnExitOnItsOwnIsWordedFromItsCode(int code, string? reason) =>
        Assert.Equal((code, reason), ExitDescription.Describe(new ExitFacts(code, null, StopKind.None, TimeSpan.Zero, 0, null)));

    [Fact]
    public void AStopIsSaid()
    {
        Assert.Equal(
            (143, "stopped by the agent with SIGTERM; ended by SIGTERM (15)"),
            ExitDescription.Describe(new ExitFacts(143, null, StopKind.Terminated, s_grace, null, null)));
        Assert.Equal(
            (0, "stopped by the agent with SIGTERM; exited with code 0"),
            ExitDescription.Describe(new ExitFacts(0, null, StopKind.Terminated, s_grace, null, null)));
        Assert.Equal(
            (137, "killed by the agent with SIGKILL after it did not stop within the 5 s grace period; ended by SIGKILL (9)"),
            ExitDescription.Describe(new ExitFacts(137, null, StopKind.Killed, s_grace, null, null)));
        Assert.Equal(
            (137, "killed by the agent with SIGKILL; ended by SIGKILL (9)"),
            ExitDescription.Describe(new ExitFacts(137, null, StopKind.Killed, TimeSpan.Zero, null, null)));
    }

    [Fact]
    public void AnOomKillCountedByTheCgroupIsOutOfMemory() =>
        Assert.Equal(
            (137, "out of memory: the kernel's OOM killer killed 1 process of the container at its memory limit of 64 MiB; ended by SIGKILL (9)"),
            ExitDescription.Describe(new ExitFacts(137, null, StopKind.None, TimeSpan.Zero, 1, 64 * Resources.MiB)));

    [Fact]
    public void AnOomKillOfAChildIsSaidWhateverTheMainProcessReturned() =>
        Assert.Equal(
            (1, "out of memory: the kernel's OOM killer killed 2 processes of the container at its memory limit of 1000 bytes; exited with code 1"),
            ExitDescription.Describe(new ExitFacts(1, null, StopKind.None, TimeSpan.Zero, 2, 1000)));

    [Fact]
    public void AnUnexplainedSigkillUnderAMemoryLimitIsLikelyOutOfMemory()
    {
        Assert.Equal(
            (137, "ended by SIGKILL (9), most likely out of memory at its limit of 64 MiB"),
            ExitDescription.Describe(new ExitFacts(137, null, StopKind.None, TimeSpan.Zero, null, 64 * Resources.MiB)));

        // Counted and none: a kill from elsewhere.
        Assert.Equal(
            (137, "ended by SIGKILL (9)"),
            ExitDescription.Describe(new ExitFacts(137, null, StopKind.None, TimeSpan.Zero, 0, 64 * Resources.MiB)));
    }

    [Fact]
    public void AnUnknownStatusIsMinusOneWithWhy()
    {
        Assert.Equal(
            (-1, "exit status unknown: adopted"),
            ExitDescription.Describe(new ExitFacts(null, "adopted", StopKind.None, TimeSpan.Zero, 0, null)));
        Assert.Equal(
            (-1, "exit status unknown: adopted; killed by the agent with SIGKILL after it did not stop within the 5 s grace period"),
            ExitDescription.Describe(new ExitFacts(null, "adopted", StopKind.Killed, s_grace, null, null)));
    }
}
