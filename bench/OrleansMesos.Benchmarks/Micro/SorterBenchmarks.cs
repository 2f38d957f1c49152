using BenchmarkDotNet.Attributes;
using OrleansMesos.Allocation;
using OrleansMesos.Allocation.Internal;

namespace OrleansMesos.Benchmarks.Micro;

/// <summary>
/// The analogue of Mesos's <c>Sorter FullSort</c> (DRF): C clients holding, between them, the used
/// resources of A agents (<c>cpus:16;mem:2014;disk:1024</c> each, client <c>i % C</c>). "full sort"
/// orders the clients by dominant share with the engine's indexed heap (heapify, then pop all);
/// "add + remove allocations" records every agent's allocation in the engine and releases it again,
/// the engine's counterpart of the sorter's allocated() and unallocated() for all agents.
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class SorterBenchmarks
{
    private static readonly Resources AgentTotal = Resources.FromUnits(cpus: 24, memMiB: 4096, diskMiB: 4096);
    private static readonly Resources Used = Resources.FromUnits(cpus: 16, memMiB: 2014, diskMiB: 1024);

    private readonly IndexedHeap<FrameworkState> _heap = new();
    private FrameworkState[] _clients = [];
    private AllocationEngine _engine = null!;
    private FrameworkId[] _frameworkIds = [];
    private NodeId[] _nodeIds = [];

    [Params(10_000, 50_000)]
    public int Agents { get; set; }

    [Params(1_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var role = new RoleState(new RoleSettings(new RoleName("default")));
        var random = new Random(1);
        _clients = [.. Enumerable.Range(0, Clients).Select(i =>
            new FrameworkState(new FrameworkSpec(new FrameworkId($"client{i}"), role.Settings.Name), role) { Tie = random.NextInt64() })];
        var total = AgentTotal.Times(Agents);
        for (var i = 0; i < Agents; i++)
        {
            _clients[i % Clients].Allocated += Used;
        }

        foreach (var client in _clients)
        {
            client.Key = client.Allocated.DominantShare(total);
        }

        _engine = new AllocationEngine();
        _frameworkIds = [.. _clients.Select(c => c.Spec.Id)];
        _nodeIds = [.. Enumerable.Range(0, Agents).Select(i => new NodeId($"agent{i}"))];
        foreach (var id in _frameworkIds)
        {
            _engine.AddFramework(new FrameworkSpec(id, role.Settings.Name));
        }

        foreach (var id in _nodeIds)
        {
            _engine.AddNode(new NodeSpec(id, AgentTotal));
        }
    }

    [Benchmark(Description = "full sort")]
    public long FullSort()
    {
        _heap.Clear();
        foreach (var client in _clients)
        {
            _heap.AddUnordered(client);
        }

        _heap.Heapify();
        long order = 0;
        while (_heap.Count > 0)
        {
            var first = _heap.Peek();
            _heap.Remove(first);
            order = (order * 31) + first.Tie;
        }

        return order;
    }

    [Benchmark(Description = "add + remove allocations")]
    public void AddAndRemoveAllocations()
    {
        for (var i = 0; i < _nodeIds.Length; i++)
        {
            _engine.RestoreAllocation(_frameworkIds[i % _frameworkIds.Length], _nodeIds[i], Used);
        }

        for (var i = 0; i < _nodeIds.Length; i++)
        {
            _engine.Release(_frameworkIds[i % _frameworkIds.Length], _nodeIds[i], Used);
        }
    }
}
