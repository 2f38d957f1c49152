namespace OrleansMesos.Sample.Tests.Batch;

/// <summary>What each attempt runs: the default script, a command, an image, and the demo's failures.</summary>
public sealed class WorkloadTests
{
    private static readonly LaunchTicket Ticket = new(7, new ContainerId("task-0007-2"), 2);

    [Fact]
    public void ByDefault_ATaskIsAShellThatSleepsAndExitsAsChosen()
    {
        var spec = new Workload(Options(), new Random(1)).Spec(Ticket, Statuses.Task);

        Assert.Equal((Ticket.Container, Statuses.Task, (string?)null, "/bin/sh"), (spec.Id, spec.Resources, spec.Image, spec.Command));
        Assert.Equal(["-c", Workload.Script], spec.Args!);
        Assert.Equal("7", spec.Env!["OM_TASK"]);
        Assert.Equal("2", spec.Env["OM_ATTEMPT"]);
        Assert.Equal("0", spec.Env["OM_EXIT"]);
        Assert.InRange(double.Parse(spec.Env["OM_SLEEP"], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 100)]
    public void TheFailRate_IsTheShareOfAttemptsToldToFail(double failRate, int failures)
    {
        var workload = new Workload(Options(failRate: failRate), new Random(3));

        var told = Enumerable.Range(0, 100).Count(_ => workload.Spec(Ticket, Statuses.Task).Env!["OM_EXIT"] == "1");

        Assert.Equal(failures, told);
    }

    [Fact]
    public void AFailRateInBetween_FailsAboutThatShare_TheSameForTheSameSeed()
    {
        string[] Exits(int seed)
        {
            var workload = new Workload(Options(failRate: 0.3), new Random(seed));
            return [.. Enumerable.Range(0, 1000).Select(_ => workload.Spec(Ticket, Statuses.Task).Env!["OM_EXIT"])];
        }

        Assert.Equal(Exits(42), Exits(42));
        Assert.InRange(Exits(42).Count(e => e == "1"), 240, 360);
    }

    [Fact]
    public void AGivenCommand_RunsWithItsArguments()
    {
        var spec = new Workload(Options(command: "/bin/echo", args: ["hello", "-n"]), new Random(1)).Spec(Ticket, Statuses.Task);

        Assert.Equal(("/bin/echo", (string?)null), (spec.Command, spec.Image));
        Assert.Equal(["hello", "-n"], spec.Args!);
    }

    [Fact]
    public void AnImage_RunsTheScriptAsItsCommandLine_WithoutACommand()
    {
        var spec = new Workload(Options(image: "busybox:1.36"), new Random(1)).Spec(Ticket, Statuses.Task);

        Assert.Equal(("busybox:1.36", (string?)null), (spec.Image, spec.Command));
        Assert.Equal(["sh", "-c", Workload.Script], spec.Args!);
        Assert.Equal("0", spec.Env!["OM_EXIT"]);
    }

    [Fact]
    public void AnImageWithACommand_RunsTheCommandAsTheImagesCommandLine()
    {
        var spec = new Workload(Options(image: "busybox", command: "true"), new Random(1)).Spec(Ticket, Statuses.Task);

        Assert.Null(spec.Command);
        Assert.Equal(["true"], spec.Args!);
    }

    private static WorkloadOptions Options(double failRate = 0, string? command = null, string[]? args = null, string? image = null) =>
        new(command, args ?? [], image, failRate, TimeSpan.FromSeconds(1));
}
