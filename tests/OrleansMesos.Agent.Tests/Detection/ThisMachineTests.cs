using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Detection;

namespace OrleansMesos.Agent.Tests.Detection;

/// <summary>The real detector on the machine the tests run on, checked against what the machine itself says.</summary>
public sealed class ThisMachineTests
{
    [Fact]
    public async Task AgreesWithWhatTheMachineSays()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "detection reads /proc and /sys/fs/cgroup");
        var detector = new HostResourceDetector(
            new HostFileSystem(),
            new NvmlGpuProbe(),
            Options.Create(new ResourceDetectionOptions { DataDirectory = Path.GetTempPath() }));

        var found = await detector.DetectAsync(TestContext.Current.CancellationToken);

        Assert.InRange(found.Total.MilliCpus, 1, Environment.ProcessorCount * 1000L);
        Assert.InRange(found.Total.MemoryBytes, 1, MemTotalFromProc());
        Assert.Equal(new DriveInfo(Path.GetTempPath()).TotalSize, found.Total.DiskBytes);
        Assert.Equal(["cpus: ", "mem: ", "disk: ", "gpus: "], found.Sources.Select(s => s[..(s.IndexOf(' ') + 1)]));
        if (HasNvml())
        {
            Assert.Equal(found.Total.Gpus, found.Gpus.Count);
        }
        else
        {
            // No NVIDIA driver here: no GPUs, and the real probe said so instead of throwing.
            Assert.Equal(0, found.Total.Gpus);
            Assert.Empty(found.Gpus);
            Assert.Equal("gpus: 0 GPUs from NVML: libnvidia-ml.so.1 not found, so no NVIDIA driver on this host", found.Sources[3]);
        }
    }

    [Fact]
    public async Task IsWiredThroughTheServiceCollection()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "detection reads /proc and /sys/fs/cgroup");
        var reserved = Resources.Parse("cpus=0.001");
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddHostResourceDetection(o => (o.DataDirectory, o.Reserved) = (Path.GetTempPath(), reserved))
            .BuildServiceProvider();

        var found = await services.GetRequiredService<IHostResourceDetector>().DetectAsync(TestContext.Current.CancellationToken);

        Assert.InRange(found.Total.MilliCpus, 0, Environment.ProcessorCount * 1000L - 1);
        Assert.EndsWith("; 0.001 cores reserved for the host, " + Units.Cores(found.Total.MilliCpus) + " offered", found.Sources[0], StringComparison.Ordinal);
    }

    private static long MemTotalFromProc()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static bool HasNvml()
    {
        if (!NativeLibrary.TryLoad("libnvidia-ml.so.1", out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
