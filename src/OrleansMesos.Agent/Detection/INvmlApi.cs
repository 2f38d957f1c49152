namespace OrleansMesos.Agent.Detection;

/// <summary>
/// The few NVML functions detection calls, each returning NVML's return code (see <see cref="NvmlReturn"/>). The real
/// one is <see cref="NvmlNative"/>; tests give fakes. Disposing releases the library, not NVML's state: call
/// <see cref="Shutdown"/> after a successful <see cref="Init"/>.
/// </summary>
internal interface INvmlApi : IDisposable
{
    /// <summary><c>nvmlInit_v2</c>.</summary>
    int Init();

    /// <summary><c>nvmlShutdown</c>.</summary>
    int Shutdown();

    /// <summary><c>nvmlSystemGetDriverVersion</c>; an old library without it answers <see cref="NvmlReturn.FunctionNotFound"/>.</summary>
    int GetDriverVersion(out string version);

    /// <summary><c>nvmlDeviceGetCount_v2</c>.</summary>
    int GetDeviceCount(out uint count);

    /// <summary><c>nvmlDeviceGetHandleByIndex_v2</c>.</summary>
    int GetDeviceHandleByIndex(uint index, out nint device);

    /// <summary><c>nvmlDeviceGetUUID</c>.</summary>
    int GetDeviceUuid(nint device, out string uuid);

    /// <summary><c>nvmlDeviceGetName</c>.</summary>
    int GetDeviceName(nint device, out string name);

    /// <summary><c>nvmlDeviceGetMemoryInfo</c>: the device's total memory in bytes.</summary>
    int GetDeviceMemoryTotal(nint device, out ulong totalBytes);
}

/// <summary>What loading NVML gave: the library, or why there is none.</summary>
/// <param name="Api">The loaded library; null when there is none.</param>
/// <param name="Status">When <paramref name="Api"/> is null: <see cref="GpuProbeStatus.Absent"/> (no library) or <see cref="GpuProbeStatus.Failed"/> (an unusable one).</param>
/// <param name="Problem">Why there is none, in words.</param>
internal readonly record struct NvmlLoad(INvmlApi? Api, GpuProbeStatus Status, string Problem);
