using OrleansMesos.Allocation;

namespace OrleansMesos.Benchmarks.Harness;

/// <summary>The engine under test.</summary>
internal readonly struct EngineAllocator(AllocationEngine engine) : IAllocator
{
    public string Name => "engine";

    public void SetRole(RoleSettings settings) => engine.SetRole(settings);

    public void AddFramework(FrameworkSpec spec) => engine.AddFramework(spec);

    public void AddNode(NodeSpec spec) => engine.AddNode(spec);

    public void RestoreAllocation(FrameworkId framework, NodeId node, Resources resources) =>
        engine.RestoreAllocation(framework, node, resources);

    public void SetDemand(FrameworkId framework, IReadOnlyList<DemandGroup> demand) => engine.SetDemand(framework, demand);

    public void Decline(in Grant grant, TimeSpan filter) => engine.Decline(grant, filter);

    public void Suppress(FrameworkId framework) => engine.Suppress(framework);

    public IReadOnlyList<Grant> Allocate() => engine.Allocate();
}
