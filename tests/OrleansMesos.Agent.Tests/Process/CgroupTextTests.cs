using OrleansMesos.Agent.Runtimes.Processes.Cgroups;

namespace OrleansMesos.Agent.Tests.Processes;

// The pure parts of cgroup handling: mount tables, which hierarchy limits what, and the numbers written.
public sealed class CgroupTextTests
{
    // A hybrid host like these machines: v1 cpu and memory (and others), an empty v2 at /sys/fs/cgroup/unified.
    private const string Hybrid =
        """
        24 23 0:21 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
        25 24 0:22 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
        26 24 0:23 / /sys/fs/cgroup/systemd rw,nosuid shared:11 - cgroup cgroup rw,xattr,name=systemd
        28 24 0:25 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:13 - cgroup cgroup rw,cpu,cpuacct
        29 24 0:26 / /sys/fs/cgroup/memory rw,nosuid shared:14 - cgroup cgroup rw,memory
        30 24 0:27 / /sys/fs/cgroup/my\040mount rw - cgroup cgroup rw,pids
        31 22 8:1 / / rw,relatime - ext4 /dev/sda1 rw
        """;

    private const string Unified =
        "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:5 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";

    [Fact]
    public void TheMountTableNamesEachHierarchyAndItsControllers()
    {
        var hierarchies = CgroupHierarchy.ParseMountInfo(Hybrid);

        Assert.Equal(
            ["/sys/fs/cgroup/unified v2 ", "/sys/fs/cgroup/systemd v1 ", "/sys/fs/cgroup/cpu,cpuacct v1 cpu,cpuacct", "/sys/fs/cgroup/memory v1 memory", "/sys/fs/cgroup/my mount v1 pids"],
            hierarchies.Select(h => $"{h.MountPoint} {(h.IsV2 ? "v2" : "v1")} {string.Join(',', h.Controllers.Order())}"));
    }

    [Fact]
    public void AControllerBoundToV1IsLimitedThere()
    {
        var chosen = CgroupHierarchy.Choose(CgroupHierarchy.ParseMountInfo(Hybrid), new HashSet<string> { "cpu", "memory" }, ["cpu", "memory"]);

        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", chosen["cpu"].MountPoint);
        Assert.Equal("/sys/fs/cgroup/memory", chosen["memory"].MountPoint);
    }

    [Fact]
    public void OnAUnifiedHostV2LimitsWhatItsRootOffers()
    {
        var hierarchies = CgroupHierarchy.ParseMountInfo(Unified);

        var chosen = CgroupHierarchy.Choose(hierarchies, new HashSet<string> { "memory", "pids" }, ["cpu", "memory"]);

        Assert.Equal(["memory"], chosen.Keys);
        Assert.True(chosen["memory"].IsV2);
    }

    [Theory]
    [InlineData(1000, 100_000)]
    [InlineData(500, 50_000)]
    [InlineData(2500, 250_000)]
    [InlineData(1, 1_000)]
    public void TheCfsQuotaIsTheShareOfAPeriod(long milliCpus, long quota)
    {
        Assert.Equal(quota, CgroupLimits.CfsQuotaMicros(milliCpus));
        Assert.Equal($"{quota} 100000", CgroupLimits.CpuMax(milliCpus));
    }

    [Fact]
    public void OomKillsAreReadFromEitherVersionsFile()
    {
        Assert.Equal(3, CgroupLimits.OomKills("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n"));
        Assert.Equal(1, CgroupLimits.OomKills("low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n"));
        Assert.Null(CgroupLimits.OomKills("oom_kill_disable 0\nunder_oom 0\n"));
    }
}
