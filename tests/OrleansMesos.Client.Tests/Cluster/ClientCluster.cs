using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansMesos.Grains.Options;
using OrleansMesos.Hosting;

namespace OrleansMesos.Client.Tests.Cluster;

/// <summary>
/// One real in-process Orleans cluster of two silos running the OrleansMesos grains on memory storage, shared by
/// the client's cluster tests (each works on nodes and frameworks of its own). The grains' clock is fake, so
/// lease expiry and failover move only when a test moves them; heartbeats are checked too rarely to matter.
/// </summary>
public sealed class ClientCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));

    public OrleansMesosOptions Options { get; } = new()
    {
        Partitions = 4,
        AllocationBatchDelay = TimeSpan.FromMilliseconds(1),
        RedeliveryInterval = TimeSpan.FromMilliseconds(200),

        // No agent here heartbeats: nodes must not turn unreachable when a test moves the fake clock.
        HeartbeatInterval = TimeSpan.FromHours(1),
    };

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var clock = new ClusterClock(Time);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(clock);
            silo.AddOrleansMesos(Copy).AddOrleansMesosMemoryStorage();
        });
        builder.ConfigureClient(client => client.AddOrleansMesos(Copy));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public IFrameworkGrain Framework(FrameworkId id) => Client.GetGrain<IFrameworkGrain>(id.Value);

    public INodeGrain Node(NodeId id) => Client.GetGrain<INodeGrain>(id.Value);

    /// <summary>Moves the grains' clock and runs lease expiry and an allocation pass on every partition.</summary>
    public async Task AdvanceAndAllocate(TimeSpan by)
    {
        Time.Advance(by);
        await Task.WhenAll(Enumerable.Range(0, Options.Partitions).Select(p => Client.GetGrain<IAllocatorPartitionGrain>(p).Allocate()));
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private void Copy(OrleansMesosOptions to)
    {
        to.Partitions = Options.Partitions;
        to.AllocationBatchDelay = Options.AllocationBatchDelay;
        to.RedeliveryInterval = Options.RedeliveryInterval;
        to.HeartbeatInterval = Options.HeartbeatInterval;
    }
}

/// <summary>The cluster tests run one after another on one shared cluster.</summary>
[CollectionDefinition(nameof(ClientClusterTests), DisableParallelization = true)]
public sealed class ClientClusterTests : ICollectionFixture<ClientCluster>;
