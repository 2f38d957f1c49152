namespace OrleansMesos.Wire;

/// <summary>
/// One allocator partition's answer to "why is this framework's demand not met?", as its engine judges the
/// framework's share of demand on the partition's shard.
/// </summary>
/// <param name="Partition">The partition that answered.</param>
/// <param name="Framework">The framework explained.</param>
/// <param name="RemainingTasks">Tasks of the framework's share of demand on this partition not granted yet.</param>
/// <param name="Reason">
/// The engine's verdict by name, in the engine's order from no verdict to the most hopeful: <c>None</c> (nothing
/// unmet), <c>Suppressed</c>, <c>NoNodeCanFit</c>, <c>RoleLimitReached</c>, <c>Filtered</c>, <c>HeldForGuarantees</c>,
/// <c>WaitingForResources</c>, <c>Grantable</c>. A name rather than the engine's enum: the contracts do not depend on the engine.
/// </param>
/// <param name="Message">The verdict in words, with figures.</param>
/// <param name="OwnWeightedShare">The weighted share of the framework's role, as the partition sees the cluster.</param>
/// <param name="RolesAhead">Roles with a lower weighted share that hold resources, lowest first.</param>
[GenerateSerializer, Immutable, Alias("om.DemandExplanation")]
public sealed record DemandExplanation(
    [property: Id(0)] int Partition,
    [property: Id(1)] FrameworkId Framework,
    [property: Id(2)] int RemainingTasks,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Message,
    [property: Id(5)] double OwnWeightedShare,
    [property: Id(6)] RoleShare[] RolesAhead);

/// <summary>A role's share of the cluster, as a partition sees it.</summary>
/// <param name="Role">The role.</param>
/// <param name="DominantShare">Its dominant share.</param>
/// <param name="WeightedShare">Its dominant share divided by its weight.</param>
[GenerateSerializer, Immutable, Alias("om.RoleShare")]
public sealed record RoleShare(
    [property: Id(0)] RoleName Role,
    [property: Id(1)] double DominantShare,
    [property: Id(2)] double WeightedShare);
