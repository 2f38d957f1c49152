namespace OrleansMesos.Agent.Detection;

/// <summary>One GPU as NVML reports it.</summary>
/// <param name="Index">Its NVML index.</param>
/// <param name="Uuid">Its UUID (<c>GPU-…</c>), stable across reboots: what containers are given.</param>
/// <param name="Name">Its product name.</param>
/// <param name="MemoryBytes">Its total memory.</param>
public sealed record GpuDevice(int Index, string Uuid, string Name, long MemoryBytes);

/// <summary>What a host has, as detected, and where each figure came from (for logs and operators).</summary>
/// <param name="Total">CPUs, memory, disk and GPUs detected.</param>
/// <param name="Gpus">The GPUs, empty when there are none or NVML is absent.</param>
/// <param name="Sources">Where each figure came from, e.g. <c>cpus: cgroup v1 cpu.cfs_quota_us</c>.</param>
public sealed record HostResources(Resources Total, IReadOnlyList<GpuDevice> Gpus, IReadOnlyList<string> Sources);
