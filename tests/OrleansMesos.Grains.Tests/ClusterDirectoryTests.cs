namespace OrleansMesos.Grains.Tests;

/// <summary>The cluster grain's directory of nodes and frameworks, and the partitions' holdings per role: what operators list.</summary>
public sealed class ClusterDirectoryTests : ClusterTestBase
{
    private IClusterGrain ClusterGrain => Cluster.Client.GetGrain<IClusterGrain>(0);

    // Given three nodes and two frameworks that registered, When one framework unregisters, Then the directory
    // lists the three nodes and the other framework, in id order, with the cluster's number of partitions.
    [Fact]
    public async Task TheDirectory_ListsRegisteredNodesAndFrameworks_UntilAFrameworkEnds()
    {
        await AddNodes(3, "cpus=2,mem=4GiB", prefix: "dir-");
        await AddFramework("web");
        var (_, batch) = await AddFramework("batch");

        var before = await ClusterGrain.GetDirectory();
        Assert.Equal(4, before.Partitions);
        Assert.Equal(["dir-0", "dir-1", "dir-2"], before.Nodes.Select(n => n.Value));
        Assert.Equal(["batch", "web"], before.Frameworks.Select(f => f.Value));

        await batch.Unregister();

        var after = await ClusterGrain.GetDirectory();
        Assert.Equal(["dir-0", "dir-1", "dir-2"], after.Nodes.Select(n => n.Value));
        Assert.Equal(["web"], after.Frameworks.Select(f => f.Value));
    }

    // An agent that restarts registers its node again, a client that reconnects its framework again: each is listed once,
    // and a framework that registers again after it ended is listed again.
    [Fact]
    public async Task RegisteringAgain_ListsOnce_AndANewIncarnationIsListedAgain()
    {
        var agent = await AddNodes(1, "cpus=2,mem=4GiB");
        var reference = Cluster.Client.CreateObjectReference<INodeAgent>(agent);
        await Cluster.Node("n0").Register(new NodeRegistration(new NodeId("n0"), R("cpus=2,mem=4GiB"), [], reference));
        var (observer, framework) = await AddFramework("f");
        var observerReference = Cluster.Client.CreateObjectReference<IFrameworkObserver>(observer);
        await framework.Register(Registration("f"), observerReference);

        var directory = await ClusterGrain.GetDirectory();
        Assert.Equal(["n0"], directory.Nodes.Select(n => n.Value));
        Assert.Equal(["f"], directory.Frameworks.Select(f => f.Value));

        await framework.Unregister();
        Assert.Empty((await ClusterGrain.GetDirectory()).Frameworks);
        await framework.Register(Registration("f"), observerReference);
        Assert.Equal(["f"], (await ClusterGrain.GetDirectory()).Frameworks.Select(f => f.Value));
    }

    // Given two frameworks of two roles holding leases, Then the partitions' views, summed, say what each role holds.
    [Fact]
    public async Task PartitionViews_SayWhatEachRoleHolds()
    {
        await AddNodes(2, "cpus=4,mem=8GiB");
        var (_, analytics) = await AddFramework("a1", role: "analytics");
        var (_, web) = await AddFramework("w1", role: "web");
        await analytics.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);
        await web.SetDemand([Demand("cpus=0.5,mem=256MiB", 1)]);
        // Partitions may overshoot demand for a moment (the surplus is handed back): wait until it settles.
        Dictionary<string, Resources> byRole = [];
        await Eventually.True(
            async () =>
            {
                var views = await Cluster.Views();
                byRole = views.SelectMany(v => v.RoleHoldings ?? [])
                    .GroupBy(kv => kv.Key.Value)
                    .ToDictionary(g => g.Key, g => g.Aggregate(Resources.Zero, (sum, kv) => sum + kv.Value));
                return byRole.GetValueOrDefault("analytics") == R("cpus=2,mem=2GiB") && byRole.GetValueOrDefault("web") == R("cpus=0.5,mem=256MiB");
            },
            "every task is leased, and only those");

        Assert.Equal(2, byRole.Count);
        Assert.Equal(R("cpus=2,mem=2GiB"), byRole["analytics"]);
        Assert.Equal(R("cpus=0.5,mem=256MiB"), byRole["web"]);
    }
}
