using System.Globalization;
using static OrleansMesos.Agent.Tests.Processes.ProcessRuntimeHarness;

namespace OrleansMesos.Agent.Tests.Processes;

// cgroup limits as the container itself sees them, enforced by the kernel; and launches that go on without them.
public sealed class ProcessRuntimeCgroupTests : IAsyncDisposable
{
    // Prints the container's cgroup path and its limits, read from inside through /proc/self/cgroup.
    private const string ReadLimitsV1 =
        """
        m=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3}' /proc/self/cgroup)
        c=$(awk -F: '$2 ~ /(^|,)cpu(,|$)/ {print $3}' /proc/self/cgroup)
        echo "$m"
        echo "$c"
        cat /sys/fs/cgroup/memory$m/memory.limit_in_bytes
        cat /sys/fs/cgroup/cpu$c/cpu.cfs_quota_us /sys/fs/cgroup/cpu$c/cpu.cfs_period_us
        """;

    private const string ReadLimitsV2 =
        """
        u=$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)
        echo "$u"
        echo "$u"
        cat /sys/fs/cgroup$u/memory.max
        cat /sys/fs/cgroup$u/cpu.max
        """;

    private readonly ProcessRuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task TheContainerReadsItsOwnLimitsFromItsCgroup()
    {
        var runtime = _harness.NewRuntime();
        var spec = _harness.Spec("/bin/sh", "-c", CgroupProbe.V2Writable ? ReadLimitsV2 : ReadLimitsV1) with { Limits = Resources.FromUnits(cpus: 0.5, memMiB: 64) };

        var (id, info) = await _harness.StartAsync(runtime, spec);
        var exit = await ExitOf(runtime, id);
        var lines = await File.ReadAllLinesAsync(info.StdoutPath, Token);

        Assert.Equal(0, exit.ExitCode);
        if (!CgroupProbe.Writable)
        {
            Assert.False(info.Cgroups.LimitsApplied);
            Assert.False(string.IsNullOrEmpty(info.Cgroups.Note));
            return;
        }

        var group = $"/{ProcessRuntimeHarness.CgroupParent}/{_harness.Cluster}/{id}";
        string[] expected = CgroupProbe.V2Writable
            ? [group, group, "67108864", "50000 100000"]
            : [group, group, "67108864", "50000", "100000"];
        Assert.True(info.Cgroups.LimitsApplied, info.Cgroups.Note);
        Assert.Null(info.Cgroups.Note);
        Assert.Equal(64 * Resources.MiB, info.Cgroups.MemoryLimitBytes);
        Assert.Equal(500, info.Cgroups.MilliCpus);
        Assert.Equal(expected, lines);
    }

    [Fact]
    public async Task AllocatingPastTheMemoryLimitIsAnOomKill()
    {
        var runtime = _harness.NewRuntime();
        var spec = _harness.Spec("dd", "if=/dev/zero", "of=/dev/null", "bs=128M", "count=1") with { Limits = Resources.FromUnits(memMiB: 32) };

        var (id, info) = await _harness.StartAsync(runtime, spec);
        var exit = await ExitOf(runtime, id);

        if (!CgroupProbe.Writable)
        {
            // No limit to hit: the allocation succeeds.
            Assert.Equal(0, exit.ExitCode);
            Assert.False(info.Cgroups.LimitsApplied);
            return;
        }

        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("out of memory: the kernel's OOM killer killed 1 process of the container at its memory limit of 32 MiB; ended by SIGKILL (9)", exit.Reason);
    }

    [Fact]
    public async Task TheCpuQuotaThrottlesABusyLoop()
    {
        Assert.SkipUnless(CgroupProbe.Writable, "this host does not let the tests make cgroups");
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "while :; do :; done") with { Limits = Resources.FromUnits(cpus: 0.1) });
        var cpuStat = Path.Combine(info.Cgroups.Directories.Single(d => File.Exists(Path.Combine(d, "cpu.stat"))), "cpu.stat");

        // The kernel counts the periods in which it held the group back for using up its quota.
        await Until(() => Counter(cpuStat, "nr_throttled") >= 3, "the kernel throttles the busy loop");

        await runtime.StopAsync(id, TimeSpan.Zero, Token);
        Assert.Equal(137, (await ExitOf(runtime, id)).ExitCode);
    }

    [Fact]
    public async Task AProcessThatLeavesTheSessionIsStillStoppedThroughItsCgroup()
    {
        Assert.SkipUnless(CgroupProbe.Writable, "this host does not let the tests make cgroups");
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "setsid sleep 300 & echo $! > pids; echo ready > ready; wait"));
        await Until(() => File.Exists(Path.Combine(info.Sandbox, "ready")), "the escaping process is up");
        var escaped = Pids(Path.Combine(info.Sandbox, "pids")).Single();
        await Until(() => Session(escaped) == escaped, "the background process has a session of its own");

        await runtime.StopAsync(id, TimeSpan.FromSeconds(20), Token);
        await ExitOf(runtime, id);

        await Until(() => IsDead(escaped), "the process in its own session is gone");
    }

    [Fact]
    public async Task WithCgroupsDisabledTheLaunchRunsWithoutLimitsAndSaysSo()
    {
        var runtime = _harness.NewRuntime(o => o.EnableCgroups = false);

        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/true") with { Limits = Resources.FromUnits(cpus: 1, memMiB: 64) });

        Assert.Equal(0, (await ExitOf(runtime, id)).ExitCode);
        Assert.False(info.Cgroups.LimitsApplied);
        Assert.Empty(info.Cgroups.Directories);
        Assert.Equal("cgroups are disabled in the options: no limits", info.Cgroups.Note);
    }

    [Fact]
    public async Task AHierarchyThatCannotBeWrittenIsSkippedWithoutFailingTheLaunch()
    {
        // A mount table whose cpu and memory hierarchy is "mounted" on a plain file: no group can be made in it.
        var notADirectory = Path.Combine(_harness.Root, "not-a-directory");
        await File.WriteAllTextAsync(notADirectory, "", Token);
        var mountInfo = Path.Combine(_harness.Root, "mountinfo");
        await File.WriteAllTextAsync(mountInfo, $"30 25 0:26 / {notADirectory} rw,nosuid - cgroup cgroup rw,cpu,memory\n", Token);
        var runtime = _harness.NewRuntime(o => o.MountInfoPath = mountInfo);

        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "echo ran") with { Limits = Resources.FromUnits(cpus: 1, memMiB: 64) });

        Assert.Equal(0, (await ExitOf(runtime, id)).ExitCode);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(info.StdoutPath, Token));
        Assert.False(info.Cgroups.LimitsApplied);
        Assert.Null(info.Cgroups.MemoryLimitBytes);
        Assert.StartsWith($"cannot create the cgroup {notADirectory}/", info.Cgroups.Note, StringComparison.Ordinal);
        Assert.Contains("no cpu cgroup: cpu not limited; no memory cgroup: memory not limited", info.Cgroups.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostWithoutCgroupsRunsTheLaunchWithoutLimits()
    {
        var mountInfo = Path.Combine(_harness.Root, "mountinfo");
        await File.WriteAllTextAsync(mountInfo, "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n", Token);
        var runtime = _harness.NewRuntime(o => o.MountInfoPath = mountInfo);

        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/true") with { Limits = Resources.FromUnits(memMiB: 64) });

        Assert.Equal(0, (await ExitOf(runtime, id)).ExitCode);
        Assert.False(info.Cgroups.LimitsApplied);
        Assert.Equal("no cgroup hierarchy is mounted; no memory controller on this host: memory not limited", info.Cgroups.Note);
    }

    private static int Session(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);

    private static long Counter(string file, string name) =>
        File.ReadAllLines(file).Select(l => l.Split(' ')).Where(p => p[0] == name).Select(p => long.Parse(p[1], CultureInfo.InvariantCulture)).SingleOrDefault();
}
