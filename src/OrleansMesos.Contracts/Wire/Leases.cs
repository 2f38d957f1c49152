namespace OrleansMesos.Wire;

/// <summary>
/// A time-limited grant of resources on one node to one framework, enough for <see cref="Tasks"/> tasks of
/// the framework's demand group <see cref="DemandGroup"/>. Redeem it with containers that fit inside it, or decline it; unredeemed, it
/// expires at <see cref="ExpiresAt"/> and its resources return to the pool.
/// </summary>
[GenerateSerializer, Immutable, Alias("om.Lease")]
public sealed record Lease(
    [property: Id(0)] LeaseId Id,
    [property: Id(1)] FrameworkId Framework,
    [property: Id(2)] NodeId Node,
    [property: Id(3)] Resources Resources,
    [property: Id(4)] int Tasks,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] int Partition,
    [property: Id(7)] int DemandGroup);

/// <summary>A redemption: containers to launch from a lease, under an id the client chooses so that a retry launches nothing twice.</summary>
[GenerateSerializer, Immutable, Alias("om.RedeemRequest")]
public sealed record RedeemRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] LeaseId Lease,
    [property: Id(2)] ContainerSpec[] Containers);

/// <summary>What a redemption did: the containers launched and what of the lease went back to the pool.</summary>
[GenerateSerializer, Immutable, Alias("om.RedeemResult")]
public sealed record RedeemResult(
    [property: Id(0)] LeaseId Lease,
    [property: Id(1)] NodeId Node,
    [property: Id(2)] ContainerId[] Launched,
    [property: Id(3)] Resources Returned);
