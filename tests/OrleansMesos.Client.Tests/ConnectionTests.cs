using System.Net;
using OrleansMesos.Client.Tests.Cluster;
using OrleansMesos.Errors;

namespace OrleansMesos.Client.Tests;

/// <summary>A client that starts its own Orleans client from a <see cref="ClusterConnection"/>.</summary>
[Collection(nameof(ClientClusterTests))]
public sealed class ConnectionTests(LoopbackSilo silo) : IClassFixture<LoopbackSilo>
{
    private const string Ids = LoopbackSilo.Ids;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => silo.Grains;

    // Given a silo at known gateway and ids, When a framework connects through a ClusterConnection, Then it
    // receives leases through its own Orleans client, and disposing it disconnects the framework.
    [Fact]
    public async Task AClusterConnection_ReachesTheCluster_AndDisposingDisconnects()
    {
        var connection = new ClusterConnection { Gateways = [new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)], ClusterId = Ids, ServiceId = Ids };
        var options = new FrameworkClientOptions { Id = new FrameworkId("remote"), Name = "a remote framework" };
        var client = await FrameworkClient.ConnectAsync(connection, options, Ct);
        try
        {
            var node = new NodeId("remote-n0");
            await Grains.GetGrain<INodeGrain>(node.Value).Register(new NodeRegistration(node, Resources.Parse("cpus=2,mem=2GiB"), [], Agent: null));

            await client.SetDemandAsync([new TaskDemand(Resources.Parse("cpus=1"), 1)], Ct);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Eventually.Timeout);
            await using var leases = client.ReadLeasesAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await leases.MoveNextAsync());
            Assert.Equal(node, leases.Current.Node);
            Assert.Equal("a remote framework", client.LastSnapshot!.Registration!.Name);
        }
        finally
        {
            await client.DisposeAsync();
        }

        Assert.False((await Grains.GetGrain<IFrameworkGrain>("remote").GetSnapshot()).Connected);
    }

    // A connection that names no gateway is refused before anything starts.
    [Fact]
    public async Task AConnectionWithoutGateways_IsRefused()
    {
        var connection = new ClusterConnection { Gateways = [] };

        var error = await Assert.ThrowsAsync<InvalidFieldException>(() =>
            FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("nowhere") }, Ct));

        Assert.Equal("Gateways", error.Field);
    }

    // Given a gateway where nothing listens, When a framework connects, Then it fails after the connect
    // timeout, naming the cluster, instead of waiting for ever as the Orleans client would.
    [Fact]
    public async Task AnUnreachableCluster_FailsTheConnection_AfterTheConnectTimeout()
    {
        var connection = new ClusterConnection
        {
            Gateways = [new IPEndPoint(IPAddress.Loopback, OrleansMesos.Testing.Loopback.FreePort())],
            ClusterId = "absent",
            ConnectTimeout = TimeSpan.FromSeconds(1),
        };

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("lonely") }, Ct));

        Assert.Contains("cluster 'absent'", error.Message);
    }
}
