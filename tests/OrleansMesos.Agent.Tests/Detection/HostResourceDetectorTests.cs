using Microsoft.Extensions.Logging.Abstractions;
using OrleansMesos.Agent.Detection;
using OrleansMesos.Errors;

namespace OrleansMesos.Agent.Tests.Detection;

public sealed class HostResourceDetectorTests : IDisposable
{
    private const long GiB = Resources.GiB;
    private static readonly DiskSpace Disk = new(100 * GiB, 40 * GiB);
    private static readonly RuntimeFacts FourCores = new(ProcessorCount: 4, TotalAvailableMemoryBytes: 3 * GiB);

    private readonly FakeHostTree _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task TakesTheCgroupQuotaAndLimitWhenTheyAreBelowTheMachine()
    {
        _host.CgroupV1()
            .File("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "150000\n")
            .File("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n")
            .File("/sys/fs/cgroup/memory/memory.limit_in_bytes", "2147483648\n")
            .MemTotalKib(8 * 1024 * 1024)
            .Dir("/var/lib/orleans-mesos");

        var found = await DetectAsync();

        Assert.Equal(new Resources(1500, 2 * GiB, 100 * GiB, 0), found.Total);
        Assert.Equal(
            [
                "cpus: 1.5 cores from cgroup v1 /sys/fs/cgroup/cpu/cpu.cfs_quota_us = '150000' / cpu.cfs_period_us = '100000'",
                "mem: 2 GiB from cgroup v1 /sys/fs/cgroup/memory/memory.limit_in_bytes = '2147483648', below /proc/meminfo MemTotal 8 GiB",
                "disk: 100 GiB from statvfs /var/lib/orleans-mesos, 40 GiB free",
                "gpus: 0 GPUs from NVML: none (fake)",
            ],
            found.Sources);
    }

    [Fact]
    public async Task UsesTheProcessorCountAndMemTotalWhenCgroupsSetNoLimit()
    {
        // As on these v1 machines: quota -1, memory limit the "unlimited" page-aligned long.
        _host.CgroupV1("/jobs/4f2a9c")
            .File("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n")
            .File("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n")
            .File("/sys/fs/cgroup/memory/jobs/4f2a9c/memory.limit_in_bytes", "9223372036854771712\n")
            .File("/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n")
            .MemTotalKib(24684096);

        var found = await DetectAsync();

        Assert.Equal(4000, found.Total.MilliCpus);
        Assert.Equal(24684096L * 1024, found.Total.MemoryBytes);
        Assert.Equal("cpus: 4 cores from Environment.ProcessorCount = 4 (cgroup v1 /sys/fs/cgroup/cpu/cpu.cfs_quota_us = '-1' / cpu.cfs_period_us = '100000': unlimited)", found.Sources[0]);
        Assert.Equal("mem: 23.54 GiB from /proc/meminfo MemTotal (cgroup v1 /sys/fs/cgroup/memory/jobs/4f2a9c/memory.limit_in_bytes = '9223372036854771712': unlimited)", found.Sources[1]);
    }

    [Fact]
    public async Task OnAV2RootWithoutLimitsUsesTheMachine()
    {
        // As on the GPU host.
        _host.CgroupV2().MemTotalKib(128L * 1024 * 1024);

        var found = await DetectAsync(runtime: new RuntimeFacts(16, 128 * GiB));

        Assert.Equal(new Resources(16000, 128 * GiB, 100 * GiB, 0), found.Total);
        Assert.Equal("cpus: 16 cores from Environment.ProcessorCount = 16 (cgroup v2: no cpu.max in /sys/fs/cgroup)", found.Sources[0]);
        Assert.Equal("mem: 128 GiB from /proc/meminfo MemTotal (cgroup v2: no memory.max in /sys/fs/cgroup)", found.Sources[1]);
    }

    [Fact]
    public async Task AQuotaBeyondTheProcessorsIsCutToThem()
    {
        _host.CgroupV2("/a").File("/sys/fs/cgroup/a/cpu.max", "800000 100000\n").MemTotalKib(1024);

        var found = await DetectAsync();

        Assert.Equal(4000, found.Total.MilliCpus);
        Assert.Equal("cpus: 4 cores from Environment.ProcessorCount = 4, below the quota of 8 cores (cgroup v2 /sys/fs/cgroup/a/cpu.max = '800000 100000')", found.Sources[0]);
    }

    [Fact]
    public async Task AMemoryLimitAboveMemTotalYieldsMemTotal()
    {
        _host.CgroupV2("/a").File("/sys/fs/cgroup/a/memory.max", "17179869184\n").MemTotalKib(8 * 1024 * 1024);

        var found = await DetectAsync();

        Assert.Equal(8 * GiB, found.Total.MemoryBytes);
        Assert.Equal("mem: 8 GiB from /proc/meminfo MemTotal (cgroup v2 /sys/fs/cgroup/a/memory.max = '17179869184')", found.Sources[1]);
    }

    [Fact]
    public async Task GarbageFallsBackAndSaysSo()
    {
        _host.CgroupV2("/a")
            .File("/sys/fs/cgroup/a/cpu.max", "lots of cpu\n")
            .File("/sys/fs/cgroup/a/memory.max", "-7\n")
            .MemTotalKib(1024 * 1024);

        var found = await DetectAsync();

        Assert.Equal(new Resources(4000, GiB, 100 * GiB, 0), found.Total);
        Assert.Equal("cpus: 4 cores from Environment.ProcessorCount = 4 (cgroup v2: no usable cpu.max (/sys/fs/cgroup/a/cpu.max holds 'lots of cpu', not a limit: ignored))", found.Sources[0]);
        Assert.Equal("mem: 1 GiB from /proc/meminfo MemTotal (cgroup v2: no usable memory.max (/sys/fs/cgroup/a/memory.max holds '-7', not a limit: ignored))", found.Sources[1]);
    }

    [Fact]
    public async Task WithACgroupLimitButNoMeminfoTakesTheLimit()
    {
        _host.CgroupV2().File("/sys/fs/cgroup/memory.max", "1073741824\n").File("/proc/meminfo", "MemFree: 10 kB\n");

        var found = await DetectAsync();

        Assert.Equal(GiB, found.Total.MemoryBytes);
        Assert.Equal("mem: 1 GiB from cgroup v2 /sys/fs/cgroup/memory.max = '1073741824' (/proc/meminfo has no MemTotal in kB)", found.Sources[1]);
    }

    [Fact]
    public async Task WithNeitherCgroupsNorMeminfoAsksTheRuntime()
    {
        var found = await DetectAsync();

        Assert.Equal(new Resources(4000, 3 * GiB, 100 * GiB, 0), found.Total);
        Assert.Equal("cpus: 4 cores from Environment.ProcessorCount = 4 (no cgroup hierarchy at /sys/fs/cgroup)", found.Sources[0]);
        Assert.Equal("mem: 3 GiB from GC.GetGCMemoryInfo().TotalAvailableMemoryBytes (no cgroup hierarchy at /sys/fs/cgroup; no /proc/meminfo)", found.Sources[1]);
    }

    [Fact]
    public async Task SizesTheNearestExistingParentOfAMissingDataDirectory()
    {
        _host.Dir("/srv/data");
        var files = new FixedDiskFileSystem(_host.Files, Disk);

        var found = await DetectAsync(new ResourceDetectionOptions { DataDirectory = "/srv/data/orleans-mesos/jobs/" }, files: files);

        Assert.Equal("/srv/data", files.SizedPath);
        Assert.Equal(100 * GiB, found.Total.DiskBytes);
        Assert.Equal("disk: 100 GiB from statvfs /srv/data (nearest existing parent of /srv/data/orleans-mesos/jobs), 40 GiB free", found.Sources[2]);
    }

    [Fact]
    public async Task ADiskThatCannotBeSizedOffersNone()
    {
        var found = await DetectAsync(files: new FixedDiskFileSystem(_host.Files, null));

        Assert.Equal(0, found.Total.DiskBytes);
        Assert.Equal("disk: 0 B from nothing: / (nearest existing parent of /var/lib/orleans-mesos) could not be sized", found.Sources[2]);
    }

    [Fact]
    public async Task SizesARealDirectoryWithTheRealFileSystem()
    {
        _host.Dir("/data");
        var expected = new DriveInfo(Path.Join(_host.Root, "data"));

        var found = await DetectAsync(new ResourceDetectionOptions { DataDirectory = "/data" }, files: _host.Files);

        Assert.Equal(expected.TotalSize, found.Total.DiskBytes);
        Assert.StartsWith("disk: ", found.Sources[2], StringComparison.Ordinal);
        Assert.Contains("from statvfs /data, ", found.Sources[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsTheGpusTheProbeFound()
    {
        var h200 = new GpuDevice(0, "GPU-6f0a3c1e-0000-0000-0000-000000000000", "NVIDIA H200", 143771 * Resources.MiB);

        var found = await DetectAsync(gpus: FakeGpuProbe.With(h200));

        Assert.Equal(1, found.Total.Gpus);
        Assert.Equal([h200], found.Gpus);
        Assert.Equal("gpus: 1 GPU from NVML (driver 580.0): 1 device(s)", found.Sources[3]);
    }

    [Fact]
    public async Task OverridesReplaceWhatWasDetected()
    {
        _host.CgroupV2().MemTotalKib(8 * 1024 * 1024);
        var options = new ResourceDetectionOptions { MilliCpus = 2500, MemoryBytes = 4 * GiB, DiskBytes = 10 * GiB };

        var found = await DetectAsync(options);

        Assert.Equal(new Resources(2500, 4 * GiB, 10 * GiB, 0), found.Total);
        Assert.Equal("cpus: 2.5 cores from the override (detected 4 cores from Environment.ProcessorCount = 4 (cgroup v2: no cpu.max in /sys/fs/cgroup))", found.Sources[0]);
        Assert.Equal("mem: 4 GiB from the override (detected 8 GiB from /proc/meminfo MemTotal (cgroup v2: no memory.max in /sys/fs/cgroup))", found.Sources[1]);
        Assert.Equal("disk: 10 GiB from the override (detected 100 GiB from statvfs / (nearest existing parent of /var/lib/orleans-mesos), 40 GiB free)", found.Sources[2]);
    }

    [Fact]
    public async Task TheReservationIsKeptForTheHost()
    {
        _host.CgroupV2().MemTotalKib(8 * 1024 * 1024);
        var options = new ResourceDetectionOptions { Reserved = Resources.Parse("cpus=0.5,mem=1GiB,disk=20GiB") };

        var found = await DetectAsync(options);

        Assert.Equal(new Resources(3500, 7 * GiB, 80 * GiB, 0), found.Total);
        Assert.EndsWith("; 0.5 cores reserved for the host, 3.5 cores offered", found.Sources[0], StringComparison.Ordinal);
        Assert.EndsWith("; 1 GiB reserved for the host, 7 GiB offered", found.Sources[1], StringComparison.Ordinal);
        Assert.EndsWith("; 20 GiB reserved for the host, 80 GiB offered", found.Sources[2], StringComparison.Ordinal);
        Assert.Equal("gpus: 0 GPUs from NVML: none (fake)", found.Sources[3]);
    }

    [Fact]
    public async Task TheReservationComesOffTheOverride()
    {
        var options = new ResourceDetectionOptions { MilliCpus = 2000, Reserved = Resources.Parse("cpus=2") };

        var found = await DetectAsync(options);

        Assert.Equal(0, found.Total.MilliCpus);
        Assert.EndsWith("; 2 cores reserved for the host, 0 cores offered", found.Sources[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReservingMoreThanTheHostHasIsAnError()
    {
        _host.MemTotalKib(8 * 1024 * 1024);
        var options = new ResourceDetectionOptions { Reserved = Resources.Parse("mem=9GiB") };

        var error = await Assert.ThrowsAsync<InvalidFieldException>(() => DetectAsync(options));

        Assert.Equal("Reserved.mem", error.Field);
        Assert.Equal("must not exceed what the host has", error.Rule);
        Assert.Equal("9 GiB reserved, 8 GiB available", error.Detail);
    }

    [Fact]
    public async Task ReservingGpusOnAHostWithoutAnyOffersNone()
    {
        var found = await DetectAsync(new ResourceDetectionOptions { Reserved = Resources.Parse("gpus=1") });

        Assert.Equal(0, found.Total.Gpus);
        Assert.Empty(found.Gpus);
    }

    [Fact]
    public async Task AGpuReservationOrOverrideKeepsTheFirstGpus()
    {
        GpuDevice[] devices = [Gpu(0), Gpu(1), Gpu(2), Gpu(3)];

        var reserved = await DetectAsync(new ResourceDetectionOptions { Reserved = Resources.Parse("gpus=1") }, gpus: FakeGpuProbe.With(devices));
        var overridden = await DetectAsync(new ResourceDetectionOptions { Gpus = 2 }, gpus: FakeGpuProbe.With(devices));

        Assert.Equal(3, reserved.Total.Gpus);
        Assert.Equal([0, 1, 2], reserved.Gpus.Select(g => g.Index));
        Assert.Equal("gpus: 4 GPUs from NVML (driver 580.0): 4 device(s); 1 GPU reserved for the host, 3 GPUs offered", reserved.Sources[3]);
        Assert.Equal(2, overridden.Total.Gpus);
        Assert.Equal([0, 1], overridden.Gpus.Select(g => g.Index));
    }

    [Fact]
    public async Task AGpuOverrideBeyondTheDetectedIsAnError()
    {
        var error = await Assert.ThrowsAsync<InvalidFieldException>(
            () => DetectAsync(new ResourceDetectionOptions { Gpus = 2 }, gpus: FakeGpuProbe.With(Gpu(0))));

        Assert.Equal("Gpus", error.Field);
        Assert.Equal("2 asked, 1 detected", error.Detail);
    }

    [Fact]
    public async Task ANegativeOverrideIsAnError()
    {
        var error = await Assert.ThrowsAsync<InvalidFieldException>(
            () => DetectAsync(new ResourceDetectionOptions { MemoryBytes = -1 }));

        Assert.Equal("MemoryBytes", error.Field);
        Assert.Equal("must not be negative", error.Rule);
    }

    [Fact]
    public async Task HonoursCancellation()
    {
        _host.CgroupV1();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var detector = new HostResourceDetector(
            _host.Files, FakeGpuProbe.None, new ResourceDetectionOptions(), NullLogger.Instance, FourCores);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => detector.DetectAsync(cancelled.Token));
    }

    private static GpuDevice Gpu(int index) => new(index, $"GPU-{index}", "NVIDIA H200", 143771 * Resources.MiB);

    private Task<HostResources> DetectAsync(
        ResourceDetectionOptions? options = null, IGpuProbe? gpus = null, IHostFileSystem? files = null, RuntimeFacts? runtime = null) =>
        new HostResourceDetector(
                files ?? new FixedDiskFileSystem(_host.Files, Disk),
                gpus ?? FakeGpuProbe.None,
                options ?? new ResourceDetectionOptions(),
                NullLogger.Instance,
                runtime ?? FourCores)
            .DetectAsync(TestContext.Current.CancellationToken);
}
