namespace OrleansMesos.Agent.Detection;

/// <summary>NVML's return codes (<c>nvmlReturn_t</c> in <c>nvml.h</c>).</summary>
internal enum NvmlReturn
{
    Success = 0,
    Uninitialized = 1,
    InvalidArgument = 2,
    NotSupported = 3,
    NoPermission = 4,
    AlreadyInitialized = 5,
    NotFound = 6,
    InsufficientSize = 7,
    InsufficientPower = 8,
    DriverNotLoaded = 9,
    Timeout = 10,
    IrqIssue = 11,
    LibraryNotFound = 12,
    FunctionNotFound = 13,
    CorruptedInforom = 14,
    GpuIsLost = 15,
    ResetRequired = 16,
    OperatingSystem = 17,
    LibRmVersionMismatch = 18,
    InUse = 19,
    Memory = 20,
    NoData = 21,
    VgpuEccNotSupported = 22,
    InsufficientResources = 23,
    FreqNotSupported = 24,
    ArgumentVersionMismatch = 25,
    Deprecated = 26,
    NotReady = 27,
    GpuNotFound = 28,
    InvalidState = 29,
    ResetTypeNotSupported = 30,
    Unknown = 999,
}

/// <summary>Turns an NVML return code into text for logs and sources: its <c>nvml.h</c> name, number and meaning.</summary>
internal static class NvmlErrors
{
    /// <summary>E.g. <c>NVML_ERROR_DRIVER_NOT_LOADED (9): the NVIDIA kernel driver is not running</c>.</summary>
    public static string Describe(int code) => (NvmlReturn)code switch
    {
        NvmlReturn.Success => "NVML_SUCCESS (0)",
        NvmlReturn.Uninitialized => Text("UNINITIALIZED", code, "NVML was not initialised"),
        NvmlReturn.InvalidArgument => Text("INVALID_ARGUMENT", code, "an argument was invalid"),
        NvmlReturn.NotSupported => Text("NOT_SUPPORTED", code, "the device does not support this"),
        NvmlReturn.NoPermission => Text("NO_PERMISSION", code, "this user may not do this (check /dev/nvidia* permissions)"),
        NvmlReturn.AlreadyInitialized => Text("ALREADY_INITIALIZED", code, "NVML is already initialised"),
        NvmlReturn.NotFound => Text("NOT_FOUND", code, "the object was not found"),
        NvmlReturn.InsufficientSize => Text("INSUFFICIENT_SIZE", code, "a buffer was too small"),
        NvmlReturn.InsufficientPower => Text("INSUFFICIENT_POWER", code, "a device's external power cables are not connected"),
        NvmlReturn.DriverNotLoaded => Text("DRIVER_NOT_LOADED", code, "the NVIDIA kernel driver is not running"),
        NvmlReturn.Timeout => Text("TIMEOUT", code, "the call timed out"),
        NvmlReturn.IrqIssue => Text("IRQ_ISSUE", code, "the kernel detected an interrupt problem with a GPU"),
        NvmlReturn.LibraryNotFound => Text("LIBRARY_NOT_FOUND", code, "NVML's shared library was not found"),
        NvmlReturn.FunctionNotFound => Text("FUNCTION_NOT_FOUND", code, "this driver does not implement the function"),
        NvmlReturn.CorruptedInforom => Text("CORRUPTED_INFOROM", code, "a device's infoROM is corrupted"),
        NvmlReturn.GpuIsLost => Text("GPU_IS_LOST", code, "the GPU fell off the bus or is otherwise inaccessible"),
        NvmlReturn.ResetRequired => Text("RESET_REQUIRED", code, "the GPU needs a reset"),
        NvmlReturn.OperatingSystem => Text("OPERATING_SYSTEM", code, "the operating system blocked the call"),
        NvmlReturn.LibRmVersionMismatch => Text("LIB_RM_VERSION_MISMATCH", code, "NVML and the kernel driver are of different versions (reboot or reload the driver)"),
        NvmlReturn.InUse => Text("IN_USE", code, "the GPU is in use"),
        NvmlReturn.Memory => Text("MEMORY", code, "out of memory"),
        NvmlReturn.NoData => Text("NO_DATA", code, "no data"),
        NvmlReturn.VgpuEccNotSupported => Text("VGPU_ECC_NOT_SUPPORTED", code, "not available on a vGPU with ECC enabled"),
        NvmlReturn.InsufficientResources => Text("INSUFFICIENT_RESOURCES", code, "out of resources other than memory"),
        NvmlReturn.FreqNotSupported => Text("FREQ_NOT_SUPPORTED", code, "the frequency is not supported"),
        NvmlReturn.ArgumentVersionMismatch => Text("ARGUMENT_VERSION_MISMATCH", code, "a structure's version is not supported by this driver"),
        NvmlReturn.Deprecated => Text("DEPRECATED", code, "the function is deprecated"),
        NvmlReturn.NotReady => Text("NOT_READY", code, "the system is not ready"),
        NvmlReturn.GpuNotFound => Text("GPU_NOT_FOUND", code, "the GPU was not found"),
        NvmlReturn.InvalidState => Text("INVALID_STATE", code, "the device is in an invalid state"),
        NvmlReturn.ResetTypeNotSupported => Text("RESET_TYPE_NOT_SUPPORTED", code, "the reset type is not supported"),
        NvmlReturn.Unknown => Text("UNKNOWN", code, "an internal driver error"),
        _ => $"NVML return code {code} (not known to this agent)",
    };

    private static string Text(string name, int code, string meaning) => $"NVML_ERROR_{name} ({code}): {meaning}";
}
