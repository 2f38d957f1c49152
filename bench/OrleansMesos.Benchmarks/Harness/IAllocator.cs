using OrleansMesos.Allocation;

namespace OrleansMesos.Benchmarks.Harness;

/// <summary>
/// The calls a Mesos workload makes, so that one loop drives both the engine and the naive reference.
/// The loops are generic over struct implementations, so the JIT specialises them and the engine's
/// figures carry no interface dispatch.
/// </summary>
internal interface IAllocator
{
    string Name { get; }

    void SetRole(RoleSettings settings);

    void AddFramework(FrameworkSpec spec);

    void AddNode(NodeSpec spec);

    void RestoreAllocation(FrameworkId framework, NodeId node, Resources resources);

    void SetDemand(FrameworkId framework, IReadOnlyList<DemandGroup> demand);

    void Decline(in Grant grant, TimeSpan filter);

    void Suppress(FrameworkId framework);

    IReadOnlyList<Grant> Allocate();
}
