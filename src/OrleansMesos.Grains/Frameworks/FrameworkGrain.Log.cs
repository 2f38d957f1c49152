namespace OrleansMesos.Grains.Frameworks;

public sealed partial class FrameworkGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {Framework}: lease {Lease} was redeemed but its partition did not take the completion; it settles it from the node's books")]
    private partial void LogCompleteFailed(Exception exception, FrameworkId framework, LeaseId lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Framework} registered under role {Role} (reconnect: {Reconnect})")]
    private partial void LogRegistered(FrameworkId framework, RoleName role, bool reconnect);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Framework} disconnected; failover timeout {Timeout}")]
    private partial void LogDisconnected(FrameworkId framework, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {Framework}: its client was silent for {Timeout}; taken as disconnected")]
    private partial void LogClientSilent(FrameworkId framework, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Framework} torn down: {Why}")]
    private partial void LogTornDown(FrameworkId framework, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Framework {Framework} redeemed {Lease}: {Count} container(s) on {Node}")]
    private partial void LogRedeemed(FrameworkId framework, LeaseId lease, int count, NodeId node);
}
