using Microsoft.Extensions.Logging;

namespace OrleansMesos.Agent;

public sealed partial class NodeAgent
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of node {Node} started on the {Runtime} runtime, offering {Capacity}")]
    private partial void LogStarted(NodeId node, string runtime, Resources capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Container} could not start on node {Node}")]
    private partial void LogStartFailed(Exception exception, ContainerId container, NodeId node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of node {Node} failed")]
    private partial void LogHeartbeatFailed(Exception exception, NodeId node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report {State} of {Container} failed (attempt {Attempt}); retrying")]
    private partial void LogReportRetry(Exception exception, ContainerId container, ContainerState state, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {State} of {Container} failed; reconciliation will settle it")]
    private partial void LogReportFailed(Exception exception, ContainerId container, ContainerState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killing container {Container} ({RuntimeId}): this cluster does not expect it here")]
    private partial void LogKillingUnknown(ContainerId container, string runtimeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} reconciled: {Owned} container(s) found, {Expected} expected")]
    private partial void LogReconciled(NodeId node, int owned, int expected);
}
