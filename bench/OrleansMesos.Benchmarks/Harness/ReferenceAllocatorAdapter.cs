using OrleansMesos.Allocation;
using OrleansMesos.Allocation.Reference;

namespace OrleansMesos.Benchmarks.Harness;

/// <summary>The naive reference implementation of the same policy, the baseline of the speed ratio.</summary>
internal readonly struct ReferenceAllocatorAdapter(ReferenceAllocator reference) : IAllocator
{
    public string Name => "reference";

    public void SetRole(RoleSettings settings) => reference.SetRole(settings);

    public void AddFramework(FrameworkSpec spec) => reference.AddFramework(spec);

    public void AddNode(NodeSpec spec) => reference.AddNode(spec);

    public void RestoreAllocation(FrameworkId framework, NodeId node, Resources resources) =>
        reference.RestoreAllocation(framework, node, resources);

    public void SetDemand(FrameworkId framework, IReadOnlyList<DemandGroup> demand) => reference.SetDemand(framework, demand);

    public void Decline(in Grant grant, TimeSpan filter) => reference.Decline(grant, filter);

    public void Suppress(FrameworkId framework) => reference.Suppress(framework);

    public IReadOnlyList<Grant> Allocate() => reference.Allocate();
}
