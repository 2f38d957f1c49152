using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>Containers run on the real engine from the busybox test image: exit codes, environment, limits, logs. No fakes.</summary>
public sealed class DockerRunTests(DockerEngine engine) : DockerTestBase(engine), IClassFixture<DockerEngine>
{
    [Fact]
    public async Task AnExitCodeIsReported()
    {
        Engine.Require();

        // Given a shell that exits 3
        var spec = Launch.Shell(Cluster, Engine.Image, "exit 3");

        // When it runs to the end
        var exit = await RunAsync(spec);

        // Then its exit code is 3, with no other reason
        Assert.Equal(3, exit.ExitCode);
        Assert.Null(exit.Reason);
    }

    [Fact]
    public async Task AZeroExitKeepsNoLog()
    {
        Engine.Require();

        // Given a shell that prints and succeeds
        var spec = Launch.Shell(Cluster, Engine.Image, "echo fine");

        // When it runs to the end
        var exit = await RunAsync(spec);

        // Then the exit is clean and carries no log
        Assert.Equal(new ContainerExit(0, null, null), exit);
    }

    [Fact]
    public async Task TheEnvironmentIsVisibleInside()
    {
        Engine.Require();

        // Given a container with two variables that prints its environment and fails (so its log is kept)
        var spec = Launch.Spec(
            Cluster,
            Engine.Image,
            "sh",
            ["-c", "env; exit 1"],
            environment: new Dictionary<string, string> { ["OM_GREETING"] = "hello world", ["OM_EMPTY"] = "" });

        // When it runs
        var exit = await RunAsync(spec);

        // Then both variables were set, values intact
        var lines = Lines(exit.LogTail);
        Assert.Contains("OM_GREETING=hello world", lines);
        Assert.Contains("OM_EMPTY=", lines);
    }

    [Fact]
    public async Task TheWorkingDirectoryIsSet()
    {
        Engine.Require();

        // Given a container started in /tmp that prints where it is
        var spec = Launch.Spec(Cluster, Engine.Image, "sh", ["-c", "pwd; exit 1"], workingDirectory: "/tmp");

        // When it runs
        var exit = await RunAsync(spec);

        // Then it was in /tmp
        Assert.Equal(["/tmp"], Lines(exit.LogTail));
    }

    [Fact]
    public async Task WithoutACommandTheArgumentsReplaceTheImagesCmd()
    {
        Engine.Require();

        // Given no command (the image's entrypoint, which is none) and a whole command line as arguments
        var spec = Launch.Spec(Cluster, Engine.Image, command: null, ["sh", "-c", "echo from-args; exit 4"]);

        // When it runs
        var exit = await RunAsync(spec);

        // Then the arguments ran as the container's command
        Assert.Equal(4, exit.ExitCode);
        Assert.Equal(["from-args"], Lines(exit.LogTail));
    }

    [Fact]
    public async Task CpuAndMemoryLimitsAreVisibleInside()
    {
        Engine.Require();

        // Given half a core and 64 MiB, and a script that prints the container's own cgroup limits
        // (cgroup v1 on these machines: cpu.cfs_quota_us over cpu.cfs_period_us, memory.limit_in_bytes; v2 as fallback)
        var limits = new Resources(500, 64 * Resources.MiB);
        const string script = """
            if [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
              echo "cpu $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
              echo "mem $(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
            else
              echo "cpu $(cat /sys/fs/cgroup/cpu.max)"
              echo "mem $(cat /sys/fs/cgroup/memory.max)"
            fi
            exit 1
            """;
        var spec = Launch.Shell(Cluster, Engine.Image, script, limits);

        // When it runs
        var exit = await RunAsync(spec);

        // Then the quota is half the period and the memory limit is exactly the spec's
        var lines = Lines(exit.LogTail);
        var cpu = lines.Single(l => l.StartsWith("cpu ", StringComparison.Ordinal)).Split(' ');
        var quota = long.Parse(cpu[1], System.Globalization.CultureInfo.InvariantCulture);
        var period = long.Parse(cpu[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(limits.MilliCpus, quota * 1000 / period);
        Assert.Contains($"mem {limits.MemoryBytes}", lines);
    }

    [Fact]
    public async Task AnAllocationPastTheMemoryLimitIsKilledAsOutOfMemory()
    {
        Engine.Require();

        // Given 64 MiB, and a shell that reads 200 MB into a variable (it truly holds it: the string lives in its heap)
        var spec = Launch.Shell(Cluster, Engine.Image, "x=$(yes | head -c 209715200); echo survived ${#x}", new Resources(1000, 64 * Resources.MiB));

        // When it runs
        var exit = await RunAsync(spec);

        // Then the kernel killed it, and the runtime says why
        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("out of memory", exit.Reason);
        Assert.DoesNotContain("survived", exit.LogTail ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLogTailOfAFailureEndsWithItsLastLinesOfBothStreams()
    {
        Engine.Require();

        // Given a shell that prints 30 lines on stdout, then its last words on stderr, and fails
        var spec = Launch.Shell(Cluster, Engine.Image, "i=1; while [ $i -le 30 ]; do echo out $i; i=$((i+1)); done; echo 'last words' >&2; exit 2");

        // When it runs
        var exit = await RunAsync(spec);

        // Then the exit keeps the last 20 lines, demultiplexed (no frame headers), stderr's line among them
        var lines = Lines(exit.LogTail);
        Assert.Equal(2, exit.ExitCode);
        Assert.Equal(DockerRuntimeOptions.DefaultLogTailLines, lines.Length);
        Assert.Contains("last words", lines);
        Assert.Contains("out 30", lines);
        Assert.DoesNotContain("out 1", lines);
        Assert.All(lines, l => Assert.Matches("^(out [0-9]+|last words)$", l));
    }
}
