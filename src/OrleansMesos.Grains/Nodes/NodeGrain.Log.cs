namespace OrleansMesos.Grains.Nodes;

public sealed partial class NodeGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} registered with {Capacity}")]
    private partial void LogRegistered(NodeId node, Resources capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} is unreachable: last heartbeat {LastHeartbeat:O}")]
    private partial void LogUnreachable(NodeId node, DateTimeOffset lastHeartbeat);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is reachable again")]
    private partial void LogReachableAgain(NodeId node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} ignored a report for {Container}: {Current} cannot move to {Next}")]
    private partial void LogIgnoredReport(NodeId node, ContainerId container, ContainerState current, ContainerState next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not deliver a message; {Pending} wait for the next try")]
    private partial void LogDeliveryFailed(Exception exception, NodeId node, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: a message was refused and is dropped")]
    private partial void LogDeliveryRefused(Exception exception, NodeId node);
}
