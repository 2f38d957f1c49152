namespace OrleansMesos.Allocation.Internal;

/// <summary>The engine's books for one framework.</summary>
internal sealed class FrameworkState(FrameworkSpec spec, RoleState role) : HeapItem
{
    public FrameworkSpec Spec { get; } = spec;

    public RoleState Role { get; } = role;

    public Resources Allocated { get; set; }

    /// <summary>What the framework holds outside this engine (other partitions), as last reported.</summary>
    public Resources External { get; set; }

    /// <summary>Per node, what this framework holds there.</summary>
    public Dictionary<NodeState, Resources> Holdings { get; } = [];

    public DemandGroup[] Demand { get; private set; } = [];

    public int[] Remaining { get; private set; } = [];

    /// <summary>Per demand group, the stage in which it last found no place (it is not tried again in that stage).</summary>
    public int[] BlockedInStage { get; private set; } = [];

    public int RemainingTotal { get; set; }

    public int DemandVersion { get; private set; }

    public bool Suppressed { get; set; }

    public FilterSet Filters { get; } = new();

    public void SetDemand(IReadOnlyList<DemandGroup> demand)
    {
        Demand = [.. demand];
        Remaining = new int[Demand.Length];
        BlockedInStage = new int[Demand.Length];
        var total = 0L;
        for (var i = 0; i < Demand.Length; i++)
        {
            Remaining[i] = Demand[i].Count;
            total += Demand[i].Count;
        }

        RemainingTotal = (int)Math.Min(int.MaxValue, total);
        DemandVersion++;
    }
}
