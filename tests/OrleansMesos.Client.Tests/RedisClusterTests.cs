using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMesos.Client.Tests.Cluster;
using OrleansMesos.Hosting;

namespace OrleansMesos.Client.Tests;

/// <summary>
/// Cluster mode on a real redis-server (./test.sh starts one and exports ORLEANSMESOS_TEST_REDIS): a client
/// finds the silo's gateway through Redis membership, and grain state written to Redis outlives the silo.
/// </summary>
[Collection(nameof(ClientClusterTests))]
public sealed class RedisClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Redis()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("ORLEANSMESOS_NO_REDIS") == "1", "ORLEANSMESOS_NO_REDIS=1: Redis tests skipped on purpose");
        return Environment.GetEnvironmentVariable("ORLEANSMESOS_TEST_REDIS")
            ?? throw new InvalidOperationException(
                "no redis-server for the tests: " + (Environment.GetEnvironmentVariable("ORLEANSMESOS_REDIS_UNAVAILABLE") ?? "ORLEANSMESOS_TEST_REDIS is not set; run ./test.sh, which starts one")
                + ". Set ORLEANSMESOS_NO_REDIS=1 to skip");
    }

    private static async Task<IHost> StartSilo(string redis, string ids)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ids, ids))
            .ConfigureEndpoints(IPAddress.Loopback, OrleansMesos.Testing.Loopback.FreePort(), OrleansMesos.Testing.Loopback.FreePort())
            .UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis))
            .AddOrleansMesos(o => (o.AllocationBatchDelay, o.HeartbeatInterval) = (TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)))
            .AddOrleansMesosRedisStorage(redis));
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    // Given a silo on Redis clustering and storage, When a framework connects through Redis and takes a lease,
    // and the silo is replaced by a new one, Then the new silo knows the node, the framework and its lease.
    [Fact]
    public async Task ASiloOnRedis_IsFoundThroughRedis_AndItsStateOutlivesIt()
    {
        var redis = Redis();
        var ids = "om-redis-" + Guid.NewGuid().ToString("N")[..8];
        Lease lease;
        var first = await StartSilo(redis, ids);
        try
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<INodeGrain>("r0").Register(new NodeRegistration(new NodeId("r0"), Resources.Parse("cpus=2,mem=2GiB"), [], Agent: null));
            var connection = new ClusterConnection { Redis = redis, ClusterId = ids, ServiceId = ids };
            await using (var client = await FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("durable"), Name = "kept in redis" }, Ct))
            {
                await client.SetDemandAsync([new TaskDemand(Resources.Parse("cpus=1"), 1)], Ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                timeout.CancelAfter(Eventually.Timeout);
                await using var leases = client.ReadLeasesAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
                Assert.True(await leases.MoveNextAsync());
                lease = leases.Current;
            }
        }
        finally
        {
            await first.StopAsync(Ct);
            first.Dispose();
        }

        var second = await StartSilo(redis, ids);
        try
        {
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            var framework = await grains.GetGrain<IFrameworkGrain>("durable").GetSnapshot();
            Assert.Equal("kept in redis", framework.Registration!.Name);
            Assert.Equal([lease.Id], framework.Leases.Select(l => l.Id));
            Assert.NotNull(framework.DisconnectedAt);
            var node = await grains.GetGrain<INodeGrain>("r0").GetSnapshot();
            Assert.True(node.Registered);
            Assert.Equal(Resources.Parse("cpus=2,mem=2GiB"), node.Capacity);
        }
        finally
        {
            await second.StopAsync(Ct);
            second.Dispose();
        }
    }
}
