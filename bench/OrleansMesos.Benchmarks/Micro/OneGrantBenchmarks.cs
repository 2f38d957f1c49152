using BenchmarkDotNet.Attributes;
using OrleansMesos.Allocation;
using OrleansMesos.Benchmarks.Harness;
using OrleansMesos.Benchmarks.Mesos;

namespace OrleansMesos.Benchmarks.Micro;

/// <summary>
/// The time of one grant on a large cluster: the DeclineOffers cluster (every agent one offer free,
/// every framework wanting offer-shaped tasks). Each invocation grants one task and declines it
/// without a filter, so every invocation starts from the same state; the figure is grant + decline.
/// <c>Allocate(maxGrants: 0)</c> shows the part of it that every call pays before its first grant.
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class OneGrantBenchmarks
{
    private AllocationEngine _engine = null!;

    [Params(10_000, 50_000)]
    public int Nodes { get; set; }

    [Params(50, 1_000)]
    public int Frameworks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new AllocationEngine();
        MesosCluster.Build(new EngineAllocator(_engine), AgentShape.DeclineOffers, Nodes, Frameworks);
    }

    [Benchmark(Description = "grant + decline")]
    public Grant GrantAndDecline()
    {
        var grant = _engine.Allocate(maxGrants: 1)[0];
        _engine.Decline(grant);
        return grant;
    }

    /// <summary>What every <c>Allocate</c> call costs before its first grant: loading the active frameworks.</summary>
    [Benchmark(Description = "Allocate(maxGrants: 0)")]
    public int AllocateNothing() => _engine.Allocate(maxGrants: 0).Count;
}
