using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansMesos.Grains.Options;
using OrleansMesos.Hosting;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// The in-process cluster: <see cref="ClusterSettings.Silos"/> silos running the OrleansMesos grains on
/// memory storage, as the grain tests start it, and one client (Orleans' in-memory transport: messages are
/// serialised as over a socket, without the kernel). The grains keep the real clock.
/// </summary>
internal sealed class ClusterHost : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private ClusterHost(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public static async Task<ClusterHost> StartAsync(ClusterSettings settings, CallCounter? calls, StateMeter? states)
    {
        var builder = new InProcessTestClusterBuilder((short)settings.Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddOrleansMesos(o => Configure(settings, o));
            if (settings.NullStorage)
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(OrleansMesosOptions.StorageName, (_, _) => new NullGrainStorage(states));
            }
            else
            {
                silo.AddOrleansMesosMemoryStorage();
            }

            if (calls is not null)
            {
                silo.AddIncomingGrainCallFilter(calls);
            }

            if (states is not null && !settings.NullStorage)
            {
                // Runs after the memory storage's own post-configuration has chosen the default serializer.
                silo.Services.AddOptions<MemoryGrainStorageOptions>(OrleansMesosOptions.StorageName)
                    .PostConfigure(o => o.GrainStorageSerializer = new MeteredStorageSerializer(o.GrainStorageSerializer, states));
            }
        });
        builder.ConfigureClient(client => client.AddOrleansMesos(o => Configure(settings, o)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterHost(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private static void Configure(ClusterSettings settings, OrleansMesosOptions options)
    {
        options.Partitions = settings.Partitions;
        options.LeaseTtl = settings.LeaseTtl;
    }
}
