using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMesos.Hosting;
using OrleansMesos.Testing;

namespace OrleansMesos.Client.Tests.Cluster;

/// <summary>
/// A real one-silo cluster on free loopback ports, for clients that start their own Orleans client (the shared
/// test cluster talks in memory, which an outside client cannot reach). Its clock is real; heartbeats are
/// checked too rarely to matter.
/// </summary>
public sealed class LoopbackSilo : IAsyncLifetime
{
    public const string Ids = "om-client-tests";

    private IHost _host = null!;

    public int GatewayPort { get; } = Loopback.FreePort();

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(Loopback.FreePort(), GatewayPort, serviceId: Ids, clusterId: Ids)
            .AddOrleansMesos(o => (o.AllocationBatchDelay, o.HeartbeatInterval) = (TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)))
            .AddOrleansMesosMemoryStorage());
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

}
