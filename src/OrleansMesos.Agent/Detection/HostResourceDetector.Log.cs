using Microsoft.Extensions.Logging;

namespace OrleansMesos.Agent.Detection;

public sealed partial class HostResourceDetector
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Host resources, {Source}")]
    private partial void LogDetected(string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GPU detection {Status}: {Source}")]
    private partial void LogGpuProblem(GpuProbeStatus status, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disk: {Where} could not be sized; no disk is offered")]
    private partial void LogDiskUnknown(string where);
}
