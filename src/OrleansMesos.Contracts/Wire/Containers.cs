namespace OrleansMesos.Wire;

/// <summary>
/// A container to launch from a lease: an image (Docker) or a command (native process), its arguments and
/// environment, and the resources it may use, which must fit inside the lease together with its siblings.
/// </summary>
[GenerateSerializer, Immutable, Alias("om.ContainerSpec")]
public sealed record ContainerSpec(
    [property: Id(0)] ContainerId Id,
    [property: Id(1)] Resources Resources,
    [property: Id(2)] string? Image = null,
    [property: Id(3)] string? Command = null,
    [property: Id(4)] string[]? Args = null,
    [property: Id(5)] Dictionary<string, string>? Env = null);

/// <summary>A status change of one container, numbered per container so the client sees them in order.</summary>
[GenerateSerializer, Immutable, Alias("om.ContainerStatus")]
public sealed record ContainerStatus(
    [property: Id(0)] FrameworkId Framework,
    [property: Id(1)] ContainerId Container,
    [property: Id(2)] NodeId Node,
    [property: Id(3)] ContainerState State,
    [property: Id(4)] int? ExitCode,
    [property: Id(5)] string? Reason,
    [property: Id(6)] DateTimeOffset Timestamp,
    [property: Id(7)] long Sequence);
