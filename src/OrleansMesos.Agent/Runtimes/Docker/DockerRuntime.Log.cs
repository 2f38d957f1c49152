using Microsoft.Extensions.Logging;

namespace OrleansMesos.Agent.Runtimes.Docker;

public sealed partial class DockerRuntime
{
    [LoggerMessage(1, LogLevel.Information, "Started container {Name} ({ContainerId}) from image {Image}")]
    private static partial void LogStarted(ILogger logger, string name, string containerId, string image);

    [LoggerMessage(2, LogLevel.Information, "Container {ContainerId} exited with code {ExitCode} ({Reason})")]
    private static partial void LogExited(ILogger logger, string containerId, int exitCode, string? reason);

    [LoggerMessage(3, LogLevel.Information, "Stopping container {ContainerId}, killing it after {Grace}")]
    private static partial void LogStopping(ILogger logger, string containerId, TimeSpan grace);

    [LoggerMessage(4, LogLevel.Information, "Removed container {ContainerId}")]
    private static partial void LogRemoved(ILogger logger, string containerId);

    [LoggerMessage(5, LogLevel.Information, "Pulling image {Image} (pull policy {PullPolicy})")]
    private static partial void LogPulling(ILogger logger, string image, ImagePullPolicy pullPolicy);

    [LoggerMessage(6, LogLevel.Debug, "No Docker engine answers at {Endpoint}: {Message}")]
    private static partial void LogEngineUnavailable(ILogger logger, Uri? endpoint, string message);

    [LoggerMessage(7, LogLevel.Warning, "Container {ContainerId} carries the cluster label but not valid node, framework and container ids; ignored")]
    private static partial void LogForeignLabels(ILogger logger, string containerId);

    [LoggerMessage(8, LogLevel.Warning, "Could not read the log of container {ContainerId}: {Message}")]
    private static partial void LogNoLogTail(ILogger logger, string containerId, string message);

    [LoggerMessage(9, LogLevel.Warning, "Could not remove container {ContainerId}, which did not start: {Message}")]
    private static partial void LogRemoveFailed(ILogger logger, string containerId, string message);
}
