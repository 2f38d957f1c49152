using OrleansMesos.Grains;

namespace OrleansMesos.Wire;

/// <summary>What a host's agent tells its node grain when it starts.</summary>
/// <param name="Node">The node.</param>
/// <param name="Capacity">What the node offers to the cluster (after the host's own reservation).</param>
/// <param name="Attributes">Attributes constraints match on, such as <c>zone=a</c>.</param>
/// <param name="Agent">Where the node grain sends launches and kills.</param>
[GenerateSerializer, Immutable, Alias("om.NodeRegistration")]
public sealed record NodeRegistration(
    [property: Id(0)] NodeId Node,
    [property: Id(1)] Resources Capacity,
    [property: Id(2)] Dictionary<string, string> Attributes,
    [property: Id(3)] INodeAgent? Agent);

/// <summary>A node's books as its grain keeps them; <c>Released</c> counts the releases it has sent its partition.</summary>
[GenerateSerializer, Immutable, Alias("om.NodeSnapshot")]
public sealed record NodeSnapshot(
    [property: Id(0)] NodeId Node,
    [property: Id(1)] Resources Capacity,
    [property: Id(2)] Resources Committed,
    [property: Id(3)] bool Registered,
    [property: Id(4)] bool Reachable,
    [property: Id(5)] bool Draining,
    [property: Id(6)] ContainerRecord[] Containers,
    [property: Id(7)] DateTimeOffset LastHeartbeat,
    [property: Id(8)] Dictionary<string, string> Attributes,
    [property: Id(9)] NodeUsage? Usage = null,
    [property: Id(10)] long Released = 0)
{
    /// <summary>What is not committed.</summary>
    public Resources Free => Capacity - Committed;
}

/// <summary>One container on a node: what was asked, where it stands.</summary>
[GenerateSerializer, Immutable, Alias("om.ContainerRecord")]
public sealed record ContainerRecord(
    [property: Id(0)] FrameworkId Framework,
    [property: Id(1)] LeaseId Lease,
    [property: Id(2)] ContainerSpec Spec,
    [property: Id(3)] ContainerState State,
    [property: Id(4)] int? ExitCode,
    [property: Id(5)] string? Reason,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] long Sequence);

/// <summary>What an agent is asked to run.</summary>
[GenerateSerializer, Immutable, Alias("om.LaunchCommand")]
public sealed record LaunchCommand(
    [property: Id(0)] NodeId Node,
    [property: Id(1)] FrameworkId Framework,
    [property: Id(2)] ContainerSpec Spec);

/// <summary>An agent's report of a container's state.</summary>
[GenerateSerializer, Immutable, Alias("om.AgentReport")]
public sealed record AgentReport(
    [property: Id(0)] FrameworkId Framework,
    [property: Id(1)] ContainerId Container,
    [property: Id(2)] ContainerState State,
    [property: Id(3)] int? ExitCode,
    [property: Id(4)] string? Reason);

/// <summary>What an agent measured on its host with a heartbeat: resources in use and live containers.</summary>
[GenerateSerializer, Immutable, Alias("om.NodeUsage")]
public sealed record NodeUsage(
    [property: Id(0)] Resources Used,
    [property: Id(1)] int Containers);
