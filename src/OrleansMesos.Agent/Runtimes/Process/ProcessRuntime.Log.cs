using Microsoft.Extensions.Logging;

namespace OrleansMesos.Agent.Runtimes.Processes;

public sealed partial class ProcessRuntime
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Process container {RuntimeId} ({Container}) started as pid {Pid}: {Program}")]
    private partial void LogStarted(string runtimeId, ContainerId container, int pid, string program);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process container {RuntimeId} ({Container}) runs without its cgroup limits: {Why}")]
    private partial void LogLimitsNotApplied(string runtimeId, ContainerId container, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Process container {RuntimeId} exited with {ExitCode}: {Reason}")]
    private partial void LogExited(string runtimeId, int exitCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Process container {RuntimeId} adopted: pid {Pid} still runs; its exit status will not be readable")]
    private partial void LogAdopted(string runtimeId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping process container {RuntimeId} with {Signal} (grace {Grace})")]
    private partial void LogStopping(string runtimeId, string signal, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Process container {RuntimeId} removed")]
    private partial void LogRemoved(string runtimeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process container {RuntimeId}: cgroups left behind (processes still in them): {Cgroups}")]
    private partial void LogCgroupsLeft(string runtimeId, string cgroups);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process container {RuntimeId}: could not save its record")]
    private partial void LogRecordNotSaved(Exception exception, string runtimeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process container {RuntimeId}: could not kill what its main process left running")]
    private partial void LogLeftoversNotKilled(Exception exception, string runtimeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process container {RuntimeId}: its record is unreadable and is skipped: {Why}")]
    private partial void LogUnreadableRecord(string runtimeId, string why);
}
