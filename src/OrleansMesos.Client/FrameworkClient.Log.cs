namespace OrleansMesos.Client;

public sealed partial class FrameworkClient
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Framework} connected: {Containers} container(s) and {Leases} lease(s) held")]
    private partial void LogConnected(FrameworkId framework, int containers, int leases);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Framework {Framework}: try {Attempt} failed transiently ({Error}: {Message}); trying again in {Delay}")]
    private partial void LogRetrying(FrameworkId framework, int attempt, TimeSpan delay, string error, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {Framework}: refreshing the registration failed; trying again at the next refresh")]
    private partial void LogRefreshFailed(FrameworkId framework, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Framework} disconnected; its failover timeout of {Timeout} starts")]
    private partial void LogDisconnected(FrameworkId framework, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {Framework}: disconnecting failed; the cluster still takes it for connected")]
    private partial void LogDisconnectFailed(FrameworkId framework, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Framework} unregistered")]
    private partial void LogUnregistered(FrameworkId framework);
}
