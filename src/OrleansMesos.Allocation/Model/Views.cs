namespace OrleansMesos.Allocation;

/// <summary>A framework's standing at one moment.</summary>
/// <param name="Id">The framework.</param>
/// <param name="Role">Its role.</param>
/// <param name="Allocated">What it holds, cluster-wide as far as this engine knows.</param>
/// <param name="DominantShare">Its dominant share of the cluster.</param>
/// <param name="RemainingTasks">Tasks of its demand not granted yet.</param>
/// <param name="Suppressed">Whether it has asked for no grants.</param>
public sealed record FrameworkView(FrameworkId Id, RoleName Role, Resources Allocated, double DominantShare, int RemainingTasks, bool Suppressed)
{
    /// <summary>Tasks not granted yet, per demand group, in the order the demand was stated.</summary>
    public IReadOnlyList<int> RemainingPerGroup { get; init; } = [];
}

/// <summary>A role's standing at one moment.</summary>
/// <param name="Settings">Its weight, guarantee and limit.</param>
/// <param name="Allocated">What its frameworks hold.</param>
/// <param name="DominantShare">Its dominant share of the cluster (not divided by the weight).</param>
/// <param name="Frameworks">How many frameworks it has.</param>
public sealed record RoleView(RoleSettings Settings, Resources Allocated, double DominantShare, int Frameworks)
{
    /// <summary>The share DRF orders roles by: <see cref="DominantShare"/> divided by the weight.</summary>
    public double WeightedShare => DominantShare / Settings.Weight;
}

/// <summary>A node's books at one moment.</summary>
/// <param name="Id">The node.</param>
/// <param name="Capacity">What it offers.</param>
/// <param name="Allocated">What is granted on it.</param>
/// <param name="Schedulable">False while it takes no new grants (draining, unreachable).</param>
public sealed record NodeView(NodeId Id, Resources Capacity, Resources Allocated, bool Schedulable)
{
    /// <summary>What is left.</summary>
    public Resources Free => Capacity - Allocated;
}
