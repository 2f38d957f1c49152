namespace OrleansMesos.Wire;

/// <summary>How a framework introduces itself.</summary>
/// <param name="Id">The framework's id.</param>
/// <param name="Name">A name for people.</param>
/// <param name="Role">The role it shares the cluster under.</param>
/// <param name="Principal">Who runs it (for audit; not authenticated here).</param>
/// <param name="GpuCapable">Whether it can use nodes with GPUs.</param>
/// <param name="FailoverTimeout">How long its leases and containers wait for it after it disconnects.</param>
[GenerateSerializer, Immutable, Alias("om.FrameworkRegistration")]
public sealed record FrameworkRegistration(
    [property: Id(0)] FrameworkId Id,
    [property: Id(1)] string Name,
    [property: Id(2)] RoleName Role,
    [property: Id(3)] string Principal,
    [property: Id(4)] bool GpuCapable,
    [property: Id(5)] TimeSpan FailoverTimeout);

/// <summary>Part of a framework's demand: <see cref="Count"/> tasks of one shape, optionally only on nodes with the given attributes.</summary>
[GenerateSerializer, Immutable, Alias("om.TaskDemand")]
public sealed record TaskDemand(
    [property: Id(0)] Resources Task,
    [property: Id(1)] int Count,
    [property: Id(2)] Dictionary<string, string>? Constraints = null);

/// <summary>A framework's standing as its grain keeps it.</summary>
[GenerateSerializer, Immutable, Alias("om.FrameworkSnapshot")]
public sealed record FrameworkSnapshot(
    [property: Id(0)] FrameworkRegistration? Registration,
    [property: Id(1)] bool Connected,
    [property: Id(2)] TaskDemand[] Demand,
    [property: Id(3)] Lease[] Leases,
    [property: Id(4)] ContainerStatus[] Containers,
    [property: Id(5)] int UnacknowledgedUpdates,
    [property: Id(6)] DateTimeOffset? DisconnectedAt,
    [property: Id(7)] bool Ended = false);
