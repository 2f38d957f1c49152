namespace OrleansMesos.Allocation.Internal;

/// <summary>The engine's books for one node.</summary>
internal sealed class NodeState(NodeSpec spec, FitIndex pool, int poolId)
{
    public NodeSpec Spec { get; } = spec;

    public FitIndex Pool { get; } = pool;

    /// <summary>0 for the pool without GPUs, 1 for the pool with; filters are kept per pool.</summary>
    public int PoolId { get; } = poolId;

    public int Slot { get; set; } = -1;

    public Resources Allocated { get; set; }

    public bool Schedulable { get; set; } = true;

    public Resources Free => Spec.Capacity - Allocated;

    public bool Matches(IReadOnlyDictionary<string, string> constraints)
    {
        foreach (var (key, value) in constraints)
        {
            if (!Spec.Attributes.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
