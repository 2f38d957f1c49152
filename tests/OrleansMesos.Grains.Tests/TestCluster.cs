using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansMesos.Grains.Options;
using OrleansMesos.Hosting;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// A real in-process Orleans cluster of two silos running the OrleansMesos grains on memory storage. The
/// grains' own clock is fake (lease expiry, heartbeats, failover), so tests move time instead of sleeping;
/// Orleans keeps its real clock.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(InProcessTestCluster cluster, FakeTimeProvider time, OrleansMesosOptions options)
    {
        Cluster = cluster;
        Time = time;
        Options = options;
    }

    public InProcessTestCluster Cluster { get; }

    public FakeTimeProvider Time { get; }

    public OrleansMesosOptions Options { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts the cluster; <paramref name="storage"/> replaces the memory storage and reminders (each silo's own grains).</summary>
    public static async Task<TestCluster> StartAsync(int silos = 2, Action<OrleansMesosOptions>? configure = null, Action<ISiloBuilder>? storage = null)
    {
        var options = new OrleansMesosOptions
        {
            Partitions = 4,
            AllocationBatchDelay = TimeSpan.FromMilliseconds(1),
            RedeliveryInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        var clock = new ClusterClock(time);
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(clock);
            silo.AddOrleansMesos(o => Copy(options, o));
            (storage ?? (s => s.AddOrleansMesosMemoryStorage()))(silo);
        });
        builder.ConfigureClient(client => client.AddOrleansMesos(o => Copy(options, o)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestCluster(cluster, time, options);
    }

    public INodeGrain Node(string id) => Client.GetGrain<INodeGrain>(id);

    public IFrameworkGrain Framework(string id) => Client.GetGrain<IFrameworkGrain>(id);

    public IAllocatorPartitionGrain Partition(int p) => Client.GetGrain<IAllocatorPartitionGrain>(p);

    /// <summary>Runs an allocation pass (and lease expiry) on every partition now.</summary>
    public Task AllocateAll() => Task.WhenAll(Enumerable.Range(0, Options.Partitions).Select(p => Partition(p).Allocate()));

    public async Task<PartitionView[]> Views() => await Task.WhenAll(Enumerable.Range(0, Options.Partitions).Select(p => Partition(p).GetView()));

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private static void Copy(OrleansMesosOptions from, OrleansMesosOptions to)
    {
        to.Partitions = from.Partitions;
        to.LeaseTtl = from.LeaseTtl;
        to.AllocationBatchDelay = from.AllocationBatchDelay;
        to.LedgerInterval = from.LedgerInterval;
        to.HeartbeatInterval = from.HeartbeatInterval;
        to.MissedHeartbeatsLimit = from.MissedHeartbeatsLimit;
        to.LostGracePeriod = from.LostGracePeriod;
        to.NodeWatchPeriod = from.NodeWatchPeriod;
        to.RedeliveryInterval = from.RedeliveryInterval;
        to.KillGracePeriod = from.KillGracePeriod;
        to.ClientTimeout = from.ClientTimeout;
        to.RememberedRedemptions = from.RememberedRedemptions;
    }
}
