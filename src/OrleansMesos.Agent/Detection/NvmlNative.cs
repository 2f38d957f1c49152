using System.Runtime.InteropServices;
using System.Text;

namespace OrleansMesos.Agent.Detection;

/// <summary>
/// NVML through <c>libnvidia-ml.so.1</c>, loaded with <see cref="NativeLibrary.TryLoad(string, out nint)"/> and called
/// through unmanaged function pointers: a host without the library gets a value from <see cref="TryLoad"/>, never a
/// <see cref="DllNotFoundException"/> or <see cref="EntryPointNotFoundException"/>, and nothing here needs
/// reflection or marshalling stubs, so trimming keeps it whole.
/// </summary>
internal sealed unsafe class NvmlNative : INvmlApi
{
    /// <summary>The library's name as the driver installs it (the unversioned <c>.so</c> comes only with the dev package).</summary>
    public const string LibraryName = "libnvidia-ml.so.1";

    // NVML_DEVICE_UUID_V2_BUFFER_SIZE and NVML_DEVICE_NAME_V2_BUFFER_SIZE are 96, the largest NVML asks for;
    // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE is 80.
    private const int TextBufferSize = 96;

    private readonly delegate* unmanaged<int> _init;
    private readonly delegate* unmanaged<int> _shutdown;
    private readonly delegate* unmanaged<byte*, uint, int> _driverVersion;
    private readonly delegate* unmanaged<uint*, int> _count;
    private readonly delegate* unmanaged<uint, nint*, int> _handleByIndex;
    private readonly delegate* unmanaged<nint, byte*, uint, int> _uuid;
    private readonly delegate* unmanaged<nint, byte*, uint, int> _name;
    private readonly delegate* unmanaged<nint, NvmlMemory*, int> _memoryInfo;
    private nint _library;

    private NvmlNative(nint library, Func<string, nint> export)
    {
        _library = library;
        _init = (delegate* unmanaged<int>)export("nvmlInit_v2");
        _shutdown = (delegate* unmanaged<int>)export("nvmlShutdown");
        _count = (delegate* unmanaged<uint*, int>)export("nvmlDeviceGetCount_v2");
        _handleByIndex = (delegate* unmanaged<uint, nint*, int>)export("nvmlDeviceGetHandleByIndex_v2");
        _uuid = (delegate* unmanaged<nint, byte*, uint, int>)export("nvmlDeviceGetUUID");
        _name = (delegate* unmanaged<nint, byte*, uint, int>)export("nvmlDeviceGetName");
        _memoryInfo = (delegate* unmanaged<nint, NvmlMemory*, int>)export("nvmlDeviceGetMemoryInfo");
        _driverVersion = NativeLibrary.TryGetExport(library, "nvmlSystemGetDriverVersion", out var version)
            ? (delegate* unmanaged<byte*, uint, int>)version
            : null;
    }

    /// <summary>
    /// Loads NVML: <see cref="GpuProbeStatus.Absent"/> when the library is not on this host (or this is not Linux),
    /// <see cref="GpuProbeStatus.Failed"/> when it lacks a function detection needs.
    /// </summary>
    public static NvmlLoad TryLoad()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new NvmlLoad(null, GpuProbeStatus.Absent, "NVML: looked for on Linux only");
        }

        if (!NativeLibrary.TryLoad(LibraryName, out var library))
        {
            return new NvmlLoad(null, GpuProbeStatus.Absent, $"NVML: {LibraryName} not found, so no NVIDIA driver on this host");
        }

        var missing = new List<string>();
        nint Export(string name)
        {
            if (NativeLibrary.TryGetExport(library, name, out var function))
            {
                return function;
            }

            missing.Add(name);
            return 0;
        }

        var api = new NvmlNative(library, Export);
        if (missing.Count == 0)
        {
            return new NvmlLoad(api, GpuProbeStatus.Ok, string.Empty);
        }

        api.Dispose();
        return new NvmlLoad(null, GpuProbeStatus.Failed, $"NVML: {LibraryName} lacks {string.Join(", ", missing)}: the driver is too old");
    }

    public int Init() => _init();

    public int Shutdown() => _shutdown();

    public int GetDriverVersion(out string version)
    {
        version = string.Empty;
        if (_driverVersion is null)
        {
            return (int)NvmlReturn.FunctionNotFound;
        }

        var buffer = stackalloc byte[TextBufferSize];
        var rc = _driverVersion(buffer, TextBufferSize);
        if (rc == 0)
        {
            version = NvmlText.FromBuffer(new ReadOnlySpan<byte>(buffer, TextBufferSize));
        }

        return rc;
    }

    public int GetDeviceCount(out uint count)
    {
        uint value = 0;
        var rc = _count(&value);
        count = value;
        return rc;
    }

    public int GetDeviceHandleByIndex(uint index, out nint device)
    {
        nint value = 0;
        var rc = _handleByIndex(index, &value);
        device = value;
        return rc;
    }

    public int GetDeviceUuid(nint device, out string uuid) => ReadText(_uuid, device, out uuid);

    public int GetDeviceName(nint device, out string name) => ReadText(_name, device, out name);

    public int GetDeviceMemoryTotal(nint device, out ulong totalBytes)
    {
        NvmlMemory memory = default;
        var rc = _memoryInfo(device, &memory);
        totalBytes = memory.Total;
        return rc;
    }

    public void Dispose()
    {
        if (_library != 0)
        {
            NativeLibrary.Free(_library);
            _library = 0;
        }
    }

    private static int ReadText(delegate* unmanaged<nint, byte*, uint, int> function, nint device, out string text)
    {
        var buffer = stackalloc byte[TextBufferSize];
        var rc = function(device, buffer, TextBufferSize);
        text = rc == 0 ? NvmlText.FromBuffer(new ReadOnlySpan<byte>(buffer, TextBufferSize)) : string.Empty;
        return rc;
    }

    // nvmlMemory_t (version 1): three unsigned long longs, in bytes.
    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }
}

/// <summary>NVML's text out-parameters: NUL-terminated UTF-8 in a fixed buffer.</summary>
internal static class NvmlText
{
    /// <summary>The text up to the first NUL (or the whole buffer when there is none).</summary>
    public static string FromBuffer(ReadOnlySpan<byte> buffer)
    {
        var end = buffer.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]);
    }
}
