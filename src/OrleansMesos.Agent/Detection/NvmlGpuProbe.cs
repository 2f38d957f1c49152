using System.Globalization;

namespace OrleansMesos.Agent.Detection;

/// <summary>
/// Finds NVIDIA GPUs through NVML. A host without <c>libnvidia-ml.so.1</c> has no GPUs
/// (<see cref="GpuProbeStatus.Absent"/>); a library that fails to initialise gives none either, with NVML's error
/// in words (<see cref="GpuProbeStatus.Failed"/>); a GPU that cannot be read is left out and named
/// (<see cref="GpuProbeStatus.Degraded"/>). Nothing here throws but cancellation.
/// </summary>
public sealed class NvmlGpuProbe : IGpuProbe
{
    private readonly Func<NvmlLoad> _load;

    /// <summary>Creates the probe over the host's own NVML.</summary>
    public NvmlGpuProbe()
        : this(NvmlNative.TryLoad)
    {
    }

    internal NvmlGpuProbe(Func<NvmlLoad> load) => _load = load;

    /// <inheritdoc />
    public Task<GpuProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var load = _load();
        if (load.Api is not { } api)
        {
            return Task.FromResult(new GpuProbeResult(load.Status, [], load.Problem));
        }

        using (api)
        {
            return Task.FromResult(Probe(api, cancellationToken));
        }
    }

    /// <summary>Initialises NVML, reads every device, shuts NVML down, and maps what it said.</summary>
    internal static GpuProbeResult Probe(INvmlApi nvml, CancellationToken cancellationToken)
    {
        var rc = nvml.Init();
        if (rc != 0)
        {
            return new GpuProbeResult(GpuProbeStatus.Failed, [], "NVML: nvmlInit_v2 failed: " + NvmlErrors.Describe(rc));
        }

        try
        {
            var library = nvml.GetDriverVersion(out var version) == 0 ? $"NVML (driver {version})" : "NVML";
            rc = nvml.GetDeviceCount(out var count);
            if (rc != 0)
            {
                return new GpuProbeResult(GpuProbeStatus.Failed, [], $"{library}: nvmlDeviceGetCount_v2 failed: {NvmlErrors.Describe(rc)}");
            }

            var devices = new List<GpuDevice>((int)Math.Min(count, 64));
            var problems = new List<string>();
            for (uint index = 0; index < count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReadDevice(nvml, index, out var problem) is { } device)
                {
                    devices.Add(device);
                }
                else
                {
                    problems.Add(problem);
                }
            }

            var source = string.Create(CultureInfo.InvariantCulture, $"{library}: {count} device(s)");
            if (problems.Count == 0)
            {
                return new GpuProbeResult(GpuProbeStatus.Ok, devices, source);
            }

            return new GpuProbeResult(GpuProbeStatus.Degraded, devices, $"{source}, left out: {string.Join("; ", problems)}");
        }
        finally
        {
            nvml.Shutdown();
        }
    }

    /// <summary>One device, or null and what failed: a device is listed only when its UUID, name and memory are all known.</summary>
    internal static GpuDevice? ReadDevice(INvmlApi nvml, uint index, out string problem)
    {
        string? failed = null;
        var rc = nvml.GetDeviceHandleByIndex(index, out var handle);
        if (rc != 0)
        {
            failed = "nvmlDeviceGetHandleByIndex_v2";
        }
        else if ((rc = nvml.GetDeviceUuid(handle, out var uuid)) != 0)
        {
            failed = "nvmlDeviceGetUUID";
        }
        else if ((rc = nvml.GetDeviceName(handle, out var name)) != 0)
        {
            failed = "nvmlDeviceGetName";
        }
        else if ((rc = nvml.GetDeviceMemoryTotal(handle, out var total)) != 0)
        {
            failed = "nvmlDeviceGetMemoryInfo";
        }
        else
        {
            problem = string.Empty;
            return new GpuDevice((int)index, uuid, name, (long)Math.Min(total, (ulong)long.MaxValue));
        }

        problem = string.Create(CultureInfo.InvariantCulture, $"device {index}: {failed} failed: {NvmlErrors.Describe(rc)}");
        return null;
    }
}
