using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// A node grain's durable "watch" reminder: it brings the grain back after the silo that held it crashed, so that
/// a node whose agent died with it still turns unreachable and its containers are reported Lost. State and
/// reminders are kept outside the silos here (as Redis keeps them), since a crash would take Orleans' memory
/// storage with it; failure detection is quick, so that a crash is noticed within seconds.
/// </summary>
public sealed class NodeWatchTests : ClusterTestBase
{
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(45);

    private readonly SharedStore _store = new();

    protected override Action<OrleansMesos.Grains.Options.OrleansMesosOptions>? Configure => o =>
    {
        o.NodeWatchPeriod = WatchPeriod;
        o.LostGracePeriod = TimeSpan.FromSeconds(5);

        // The fake clock moves on while the client says nothing: it must not be taken for a crashed client.
        o.ClientTimeout = TimeSpan.FromHours(1);
    };

    protected override Action<ISiloBuilder>? Storage => silo =>
    {
        _store.AddTo(silo);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
    };

    private IManagementGrain Management => Cluster.Client.GetGrain<IManagementGrain>(0);

    // Registering starts the watch at the configured period (below Orleans' one-minute minimum, which the hosting
    // lowers to it); leaving stops it; registering again starts it again.
    [Fact]
    public async Task Registering_StartsTheWatchReminder_LeavingStopsIt()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");

        Assert.Equal(WatchPeriod, (await WatchOf("n0"))?.Period);

        await Cluster.Node("n0").Leave();

        Assert.Null(await WatchOf("n0"));

        await AddNodes(1, "cpus=4,mem=8GiB");

        Assert.Equal(WatchPeriod, (await WatchOf("n0"))?.Period);
    }

    // Given nodes whose agent never heartbeats, each running a container, When the silo holding n0's grain (and
    // maybe others) crashes, Then the grains it held come back on the other silo with nobody calling them, their
    // nodes turn unreachable, and their containers are reported Lost once the grace period has passed.
    [Fact]
    public async Task NodeGrainsOfACrashedSilo_ComeBackByTheirReminder_AndReportTheirContainersLost()
    {
        const int nodes = 8;
        await AddNodes(nodes, "cpus=1,mem=1GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", nodes)]);
        var leases = new List<Lease>();
        while (leases.Sum(l => l.Tasks) < nodes)
        {
            leases.Add(await observer.NextLease());
        }

        foreach (var lease in leases)
        {
            await framework.Redeem(new RedeemRequest($"r-{lease.Node}", lease.Id, [Container($"c-{lease.Node}", "cpus=1,mem=1GiB")]));
        }

        await Eventually.True(() => observer.Applied.Count(u => u.State == ContainerState.Running) == nodes, "every container runs");

        // The silo that holds n0 crashes, and with it every node grain it held.
        var holder = await Management.GetActivationAddress(Cluster.Node("n0"), TestContext.Current.CancellationToken);
        var crashing = Cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(holder));
        var victims = new List<string>();
        foreach (var node in Enumerable.Range(0, nodes).Select(i => $"n{i}"))
        {
            if (crashing.SiloAddress.Equals(await Management.GetActivationAddress(Cluster.Node(node), TestContext.Current.CancellationToken)))
            {
                victims.Add(node);
            }
        }

        await Cluster.Cluster.KillSiloAsync(crashing, TestContext.Current.CancellationToken);

        // Until the crash is known, a grain may be activated on the other silo only to give way to the dead one's.
        await Eventually.True(() => DeclaredDead(crashing.SiloAddress), "the other silo declares the crashed one dead", Recovery);
        await Eventually.True(() => AllActive(victims), "the crashed silo's node grains are active again", Recovery);

        // Listed active is not yet activated: a call waits for that (and activates nothing, they already are).
        var back = await Task.WhenAll(victims.Select(n => Cluster.Node(n).GetSnapshot()));
        Assert.All(back, s => Assert.True(s.Registered && s.Reachable));
        Cluster.Time.Advance(Cluster.Options.HeartbeatInterval * (Cluster.Options.MissedHeartbeatsLimit + 1));
        await Eventually.True(async () => (await Task.WhenAll(victims.Select(n => Cluster.Node(n).GetSnapshot()))).All(s => !s.Reachable), "their nodes turn unreachable");
        Cluster.Time.Advance(Cluster.Options.LostGracePeriod);

        await Eventually.True(() => victims.All(n => observer.Applied.Any(u => u.Container == new ContainerId($"c-{n}") && u.State == ContainerState.Lost)), "their containers are reported Lost");
        Assert.All(
            observer.Applied.Where(u => u.State == ContainerState.Lost && victims.Contains(u.Node.Value)),
            u => Assert.StartsWith("node unreachable since ", u.Reason, StringComparison.Ordinal));
    }

    private Task<ReminderEntry?> WatchOf(string node) =>
        Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRow(Cluster.Node(node).GetGrainId(), "watch");

    private async Task<bool> DeclaredDead(SiloAddress silo)
    {
        try
        {
            return !(await Management.GetHosts(onlyActive: true)).ContainsKey(silo);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return false;
        }
    }

    // Asks the silos what they hold, which activates nothing; a silo not yet known dead fails the question.
    private async Task<bool> AllActive(List<string> nodes)
    {
        try
        {
            var active = await Management.GetActiveGrains(Cluster.Node(nodes[0]).GetGrainId().Type);
            return nodes.All(n => active.Contains(Cluster.Node(n).GetGrainId()));
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return false;
        }
    }
}
