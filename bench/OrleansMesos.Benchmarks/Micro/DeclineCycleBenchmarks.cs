using BenchmarkDotNet.Attributes;
using OrleansMesos.Allocation;
using OrleansMesos.Benchmarks.Harness;
using OrleansMesos.Benchmarks.Mesos;

namespace OrleansMesos.Benchmarks.Micro;

/// <summary>
/// Round 0 of DeclineOffers at 10,000 agents × 1,000 frameworks: one full cycle of 10,000 grants,
/// then all of them declined without a filter so that every invocation starts from the same state.
/// The figure is cycle + declines; the <c>mesos</c> command times the cycle alone.
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class DeclineCycleBenchmarks
{
    private AllocationEngine _engine = null!;

    [Params(10_000)]
    public int Nodes { get; set; }

    [Params(1_000)]
    public int Frameworks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new AllocationEngine();
        MesosCluster.Build(new EngineAllocator(_engine), AgentShape.DeclineOffers, Nodes, Frameworks);
    }

    [Benchmark(Description = "cycle of 10,000 grants + declines")]
    public int CycleAndDecline()
    {
        var grants = _engine.Allocate();
        foreach (var grant in grants)
        {
            _engine.Decline(grant);
        }

        return grants.Count;
    }
}
