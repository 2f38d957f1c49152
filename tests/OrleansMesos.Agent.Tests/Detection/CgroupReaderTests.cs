using OrleansMesos.Agent.Detection;

namespace OrleansMesos.Agent.Tests.Detection;

public sealed class CgroupReaderTests : IDisposable
{
    private readonly FakeHostTree _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void TellsTheVersionByWhatIsMounted()
    {
        Assert.Equal(CgroupVersion.None, Reader().DetectVersion());

        _host.Dir("/sys/fs/cgroup/memory");
        Assert.Equal(CgroupVersion.V1, Reader().DetectVersion());

        // A hybrid host has a unified hierarchy too, but its controllers are on v1.
        _host.File("/sys/fs/cgroup/unified/cgroup.controllers", "");
        Assert.Equal(CgroupVersion.V1, Reader().DetectVersion());

        _host.File("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
        Assert.Equal(CgroupVersion.V2, Reader().DetectVersion());
    }

    [Fact]
    public async Task ReadsAV1Quota()
    {
        _host.CgroupV1()
            .File("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "150000\n")
            .File("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");

        var limit = await ReadCpuAsync(CgroupVersion.V1);

        Assert.Equal(1500, limit.Value);
        Assert.Equal("cgroup v1 /sys/fs/cgroup/cpu/cpu.cfs_quota_us = '150000' / cpu.cfs_period_us = '100000'", limit.Source);
    }

    [Fact]
    public async Task AnUnlimitedV1QuotaIsNoLimit()
    {
        _host.CgroupV1()
            .File("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n")
            .File("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");

        var limit = await ReadCpuAsync(CgroupVersion.V1);

        Assert.Null(limit.Value);
        Assert.Equal("cgroup v1 /sys/fs/cgroup/cpu/cpu.cfs_quota_us = '-1' / cpu.cfs_period_us = '100000': unlimited", limit.Source);
    }

    [Fact]
    public async Task ReadsTheProcessesOwnV1CgroupAndItsAncestors()
    {
        // The leaf says unlimited, its parent limits, the root says unlimited: the parent's limit binds.
        _host.CgroupV1("/jobs/a")
            .File("/sys/fs/cgroup/memory/jobs/a/memory.limit_in_bytes", "9223372036854771712\n")
            .File("/sys/fs/cgroup/memory/jobs/memory.limit_in_bytes", "536870912\n")
            .File("/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");

        var limit = await ReadMemoryAsync(CgroupVersion.V1);

        Assert.Equal(536870912, limit.Value);
        Assert.Equal("cgroup v1 /sys/fs/cgroup/memory/jobs/memory.limit_in_bytes = '536870912'", limit.Source);
    }

    [Fact]
    public async Task TakesTheSmallestLimitOnThePath()
    {
        _host.CgroupV1("/jobs/a")
            .File("/sys/fs/cgroup/memory/jobs/a/memory.limit_in_bytes", "268435456\n")
            .File("/sys/fs/cgroup/memory/jobs/memory.limit_in_bytes", "536870912\n");

        var limit = await ReadMemoryAsync(CgroupVersion.V1);

        Assert.Equal(268435456, limit.Value);
    }

    [Fact]
    public async Task FallsBackToTheRootWhenTheOwnCgroupIsNotMountedHere()
    {
        // In a container /proc/self/cgroup names the host's path, but the container's cgroup is mounted as the root.
        _host.CgroupV1("/docker/0123abcd")
            .File("/sys/fs/cgroup/memory/memory.limit_in_bytes", "1073741824\n");

        var limit = await ReadMemoryAsync(CgroupVersion.V1);

        Assert.Equal(1073741824, limit.Value);
        Assert.Equal("cgroup v1 /sys/fs/cgroup/memory/memory.limit_in_bytes = '1073741824'", limit.Source);
    }

    [Fact]
    public async Task ReadsAV2CpuMaxInTheOwnCgroup()
    {
        _host.CgroupV2("/kubepods/pod1")
            .File("/sys/fs/cgroup/kubepods/pod1/cpu.max", "250000 100000\n");

        var limit = await ReadCpuAsync(CgroupVersion.V2);

        Assert.Equal(2500, limit.Value);
        Assert.Equal("cgroup v2 /sys/fs/cgroup/kubepods/pod1/cpu.max = '250000 100000'", limit.Source);
    }

    [Fact]
    public async Task AV2RootWithoutLimitFilesHasNoLimit()
    {
        // As on the GPU host: cgroup v2, the process in the root, which has neither cpu.max nor memory.max.
        _host.CgroupV2();

        var cpu = await ReadCpuAsync(CgroupVersion.V2);
        var memory = await ReadMemoryAsync(CgroupVersion.V2);

        Assert.Null(cpu.Value);
        Assert.Equal("cgroup v2: no cpu.max in /sys/fs/cgroup", cpu.Source);
        Assert.Null(memory.Value);
        Assert.Equal("cgroup v2: no memory.max in /sys/fs/cgroup", memory.Source);
    }

    [Fact]
    public async Task SaysWhereItLookedWhenNoLevelHasTheFile()
    {
        _host.CgroupV2("/a/b").Dir("/sys/fs/cgroup/a/b");

        var memory = await ReadMemoryAsync(CgroupVersion.V2);

        Assert.Null(memory.Value);
        Assert.Equal("cgroup v2: no memory.max from /sys/fs/cgroup/a/b up to /sys/fs/cgroup", memory.Source);
    }

    [Fact]
    public async Task AV2MemoryMaxOfMaxIsNoLimit()
    {
        _host.CgroupV2("/a").File("/sys/fs/cgroup/a/memory.max", "max\n");

        var memory = await ReadMemoryAsync(CgroupVersion.V2);

        Assert.Null(memory.Value);
        Assert.Equal("cgroup v2 /sys/fs/cgroup/a/memory.max = 'max': unlimited", memory.Source);
    }

    [Fact]
    public async Task GarbageIsIgnoredAndNamed()
    {
        _host.CgroupV2("/a").File("/sys/fs/cgroup/a/cpu.max", "garbage\n");

        var cpu = await ReadCpuAsync(CgroupVersion.V2);

        Assert.Null(cpu.Value);
        Assert.Equal("cgroup v2: no usable cpu.max (/sys/fs/cgroup/a/cpu.max holds 'garbage', not a limit: ignored)", cpu.Source);
    }

    [Fact]
    public async Task GarbageAtOneLevelDoesNotHideALimitAtAnother()
    {
        _host.CgroupV2("/a")
            .File("/sys/fs/cgroup/a/memory.max", "lots\n")
            .File("/sys/fs/cgroup/memory.max", "2147483648\n");

        var memory = await ReadMemoryAsync(CgroupVersion.V2);

        Assert.Equal(2147483648, memory.Value);
        Assert.Equal(
            "cgroup v2 /sys/fs/cgroup/memory.max = '2147483648' (/sys/fs/cgroup/a/memory.max holds 'lots', not a limit: ignored)",
            memory.Source);
    }

    [Fact]
    public async Task AV1QuotaWithoutAPeriodIsGarbage()
    {
        _host.CgroupV1().File("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "150000\n");

        var cpu = await ReadCpuAsync(CgroupVersion.V1);

        Assert.Null(cpu.Value);
        Assert.Equal(
            "cgroup v1: no usable cpu.cfs_quota_us (/sys/fs/cgroup/cpu/cpu.cfs_quota_us holds '150000' / cpu.cfs_period_us = '(missing)', not a limit: ignored)",
            cpu.Source);
    }

    [Fact]
    public async Task WithoutProcSelfCgroupTheRootIsRead()
    {
        _host.Dir("/sys/fs/cgroup/cpu").Dir("/sys/fs/cgroup/memory")
            .File("/sys/fs/cgroup/memory/memory.limit_in_bytes", "1073741824\n");

        var memory = await ReadMemoryAsync(CgroupVersion.V1);

        Assert.Equal(1073741824, memory.Value);
    }

    [Fact]
    public async Task WithoutCgroupsThereIsNoLimit()
    {
        var cpu = await ReadCpuAsync(CgroupVersion.None);

        Assert.Null(cpu.Value);
        Assert.Equal("no cgroup hierarchy at /sys/fs/cgroup", cpu.Source);
    }

    private CgroupReader Reader() => new(_host.Files);

    private async Task<CgroupLimit> ReadCpuAsync(CgroupVersion version)
    {
        var reader = Reader();
        var membership = await reader.ReadMembershipAsync(TestContext.Current.CancellationToken);
        return await reader.ReadCpuAsync(version, membership, TestContext.Current.CancellationToken);
    }

    private async Task<CgroupLimit> ReadMemoryAsync(CgroupVersion version)
    {
        var reader = Reader();
        var membership = await reader.ReadMembershipAsync(TestContext.Current.CancellationToken);
        return await reader.ReadMemoryAsync(version, membership, TestContext.Current.CancellationToken);
    }
}
