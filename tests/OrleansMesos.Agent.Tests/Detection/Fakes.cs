using OrleansMesos.Agent.Detection;

namespace OrleansMesos.Agent.Tests.Detection;

/// <summary>A fake <c>/sys</c> and <c>/proc</c> tree in a temporary directory, read through the real <see cref="HostFileSystem"/>.</summary>
internal sealed class FakeHostTree : IDisposable
{
    public FakeHostTree()
    {
        Root = Path.Combine(Path.GetTempPath(), $"om-host-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Files = new HostFileSystem(Root);
    }

    public string Root { get; }

    public HostFileSystem Files { get; }

    /// <summary>Writes <paramref name="text"/> at the host path <paramref name="path"/> (absolute), creating directories.</summary>
    public FakeHostTree File(string path, string text)
    {
        var full = Path.Join(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return this;
    }

    /// <summary>Creates the directory at the host path <paramref name="path"/>.</summary>
    public FakeHostTree Dir(string path)
    {
        Directory.CreateDirectory(Path.Join(Root, path));
        return this;
    }

    /// <summary>A cgroup v1 host: cpu and memory hierarchies mounted, the process at <paramref name="path"/> in both.</summary>
    public FakeHostTree CgroupV1(string path = "/") =>
        Dir("/sys/fs/cgroup/cpu").Dir("/sys/fs/cgroup/memory")
            .File("/proc/self/cgroup", $"5:memory:{path}\n4:cpuset:/\n3:cpuacct:/\n2:cpu:{path}\n0::/\n");

    /// <summary>A cgroup v2 host, the process at <paramref name="path"/>.</summary>
    public FakeHostTree CgroupV2(string path = "/") =>
        File("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n")
            .File("/proc/self/cgroup", $"0::{path}\n");

    /// <summary>A <c>/proc/meminfo</c> with the given <c>MemTotal</c>.</summary>
    public FakeHostTree MemTotalKib(long kib) =>
        File("/proc/meminfo", $"MemTotal:       {kib} kB\nMemFree:        1024 kB\nMemAvailable:   2048 kB\n");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Reads through another file system but gives a fixed disk size, and remembers which path was sized.</summary>
internal sealed class FixedDiskFileSystem(IHostFileSystem inner, DiskSpace? space) : IHostFileSystem
{
    public string? SizedPath { get; private set; }

    public bool Exists(string path) => inner.Exists(path);

    public Task<string?> ReadAllTextAsync(string path, CancellationToken cancellationToken) => inner.ReadAllTextAsync(path, cancellationToken);

    public Task<DiskSpace?> GetDiskSpaceAsync(string path, CancellationToken cancellationToken)
    {
        SizedPath = path;
        return Task.FromResult(space);
    }
}

/// <summary>A GPU probe that answers what it is given.</summary>
internal sealed class FakeGpuProbe(GpuProbeResult result) : IGpuProbe
{
    public static FakeGpuProbe None { get; } = new(new GpuProbeResult(GpuProbeStatus.Absent, [], "NVML: none (fake)"));

    public static FakeGpuProbe With(params GpuDevice[] devices) =>
        new(new GpuProbeResult(GpuProbeStatus.Ok, devices, $"NVML (driver 580.0): {devices.Length} device(s)"));

    public Task<GpuProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(result);
}

/// <summary>One GPU as a fake NVML reports it; a non-zero code makes that call fail.</summary>
internal sealed record FakeGpu(string Uuid, string Name, ulong MemoryBytes, int HandleRc = 0, int UuidRc = 0, int NameRc = 0, int MemoryRc = 0);

/// <summary>NVML answering from a list of GPUs, counting what was called.</summary>
internal sealed class FakeNvml(params FakeGpu[] gpus) : INvmlApi
{
    public int InitRc { get; init; }

    public int CountRc { get; init; }

    public string? DriverVersion { get; init; } = "580.82.07";

    public int Inits { get; private set; }

    public int Shutdowns { get; private set; }

    public bool Disposed { get; private set; }

    public int Init()
    {
        Inits++;
        return InitRc;
    }

    public int Shutdown()
    {
        Shutdowns++;
        return 0;
    }

    public int GetDriverVersion(out string version)
    {
        version = DriverVersion ?? string.Empty;
        return DriverVersion is null ? (int)NvmlReturn.FunctionNotFound : 0;
    }

    public int GetDeviceCount(out uint count)
    {
        count = CountRc == 0 ? (uint)gpus.Length : 0;
        return CountRc;
    }

    public int GetDeviceHandleByIndex(uint index, out nint device)
    {
        // Handles are opaque pointers; index + 100 keeps them distinct from indices.
        device = (nint)(index + 100);
        return gpus[index].HandleRc;
    }

    public int GetDeviceUuid(nint device, out string uuid)
    {
        var gpu = Gpu(device);
        uuid = gpu.UuidRc == 0 ? gpu.Uuid : string.Empty;
        return gpu.UuidRc;
    }

    public int GetDeviceName(nint device, out string name)
    {
        var gpu = Gpu(device);
        name = gpu.NameRc == 0 ? gpu.Name : string.Empty;
        return gpu.NameRc;
    }

    public int GetDeviceMemoryTotal(nint device, out ulong totalBytes)
    {
        var gpu = Gpu(device);
        totalBytes = gpu.MemoryRc == 0 ? gpu.MemoryBytes : 0;
        return gpu.MemoryRc;
    }

    public void Dispose() => Disposed = true;

    private FakeGpu Gpu(nint device) => gpus[(int)device - 100];
}
