using OrleansMesos.Allocation;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// Eight partitions decide locally, yet order frameworks by their share of the whole cluster through the
/// ledger: the outcome must stay within 0.02 of one central engine on the same workload.
/// </summary>
public sealed class FairnessAcrossPartitionsTests : ClusterTestBase
{
    private static readonly (string Name, double Weight)[] Roles = [("gold", 3), ("silver", 2), ("bronze", 1)];

    private static readonly (string Id, string Role, string Task)[] Frameworks =
    [
        ("f0", "gold", "cpus=1,mem=2GiB"), ("f1", "gold", "cpus=2,mem=1GiB"), ("f2", "gold", "cpus=1,mem=6GiB"),
        ("f3", "silver", "cpus=3,mem=2GiB"), ("f4", "silver", "cpus=1,mem=1GiB"), ("f5", "silver", "cpus=0.5,mem=4GiB"),
        ("f6", "bronze", "cpus=2,mem=2GiB"), ("f7", "bronze", "cpus=1,mem=3GiB"), ("f8", "bronze", "cpus=4,mem=1GiB"),
        ("f9", "bronze", "cpus=1,mem=1GiB"),
    ];

    protected override Action<OrleansMesos.Grains.Options.OrleansMesosOptions> Configure => o => o.Partitions = 8;

    [Fact]
    public async Task ThousandNodesEightPartitions_SharesStayWithinTwoHundredthsOfOneEngine()
    {
        const int nodes = 1000;
        foreach (var (name, weight) in Roles)
        {
            await Cluster.Client.GetGrain<IClusterGrain>(0).SetRole(new RoleSettings(new RoleName(name), weight));
        }

        var grains = new List<IFrameworkGrain>();
        foreach (var (id, role, task) in Frameworks)
        {
            var (_, grain) = await AddFramework(id, role);
            await grain.SetDemand([Demand(task, 100_000)]);
            grains.Add(grain);
        }

        // Nodes come last, so that every pass sees all the demand, as the central engine does.
        await AddNodes(nodes / 2, "cpus=16,mem=64GiB", "a");
        await AddNodes(nodes / 2, "cpus=32,mem=64GiB", "b");
        var leased = await Settled(grains);

        var total = R("cpus=24000,mem=64000GiB");
        var reference = CentralShares(nodes);
        for (var i = 0; i < Frameworks.Length; i++)
        {
            var share = leased[i].DominantShare(total);
            Assert.True(
                Math.Abs(share - reference[i]) <= 0.02,
                $"{Frameworks[i].Id}: partitioned {share:F4}, central {reference[i]:F4}");
        }
    }

    /// <summary>What each framework holds in leases once nothing changes over several polls.</summary>
    private async Task<Resources[]> Settled(List<IFrameworkGrain> grains)
    {
        Resources[] last = [];
        var stable = 0;
        await Eventually.True(
            async () =>
            {
                var now = await Task.WhenAll(grains.Select(async g =>
                    (await g.GetSnapshot()).Leases.Aggregate(Resources.Zero, (sum, l) => sum + l.Resources)));
                stable = now.SequenceEqual(last) ? stable + 1 : 0;
                last = now;
                return stable >= 10;
            },
            "the leases settle",
            TimeSpan.FromSeconds(120));
        return last;
    }

    private static double[] CentralShares(int nodes)
    {
        var engine = new AllocationEngine();
        foreach (var (name, weight) in Roles)
        {
            engine.SetRole(new RoleSettings(new RoleName(name), weight));
        }

        foreach (var (id, role, task) in Frameworks)
        {
            engine.AddFramework(new FrameworkSpec(new FrameworkId(id), new RoleName(role)));
            engine.SetDemand(new FrameworkId(id), [new DemandGroup(R(task), 100_000)]);
        }

        for (var i = 0; i < nodes / 2; i++)
        {
            engine.AddNode(new NodeSpec(new NodeId($"a{i}"), R("cpus=16,mem=64GiB")));
            engine.AddNode(new NodeSpec(new NodeId($"b{i}"), R("cpus=32,mem=64GiB")));
        }

        engine.Allocate();
        return [.. Frameworks.Select(f => engine.GetFrameworkView(new FrameworkId(f.Id)).DominantShare)];
    }
}
