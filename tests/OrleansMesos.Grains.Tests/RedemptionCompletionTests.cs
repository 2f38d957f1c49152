using OrleansMesos.Errors;
using OrleansMesos.Hosting;

namespace OrleansMesos.Grains.Tests;

/// <summary>A redemption whose partition cannot take the completion (rebuilt meanwhile, or its store failing).</summary>
public sealed class RedemptionCompletionTests : ClusterTestBase
{
    private readonly RefuseCompletion _refuse = new();

    protected override Action<ISiloBuilder>? Storage => silo => silo.AddOrleansMesosMemoryStorage().AddIncomingGrainCallFilter(_refuse);

    // Given a lease redeemed on its node, When its partition refuses the completion (a rebuild already counted the
    // node's containers and dropped the lease), Then the redemption still succeeds: the containers run, and the
    // client must not be told that nothing ran.
    [Fact]
    public async Task ARedemption_WhosePartitionRefusesTheCompletion_StillSucceeds()
    {
        await AddNodes(1, "cpus=4,mem=8GiB", prefix: "done");
        var (observer, framework) = await AddFramework("completing");
        await framework.SetDemand([Demand("cpus=1", 1)]);
        var lease = await observer.NextLease();
        _refuse.Armed = true;

        var result = await framework.Redeem(new RedeemRequest("r1", lease.Id, [Container("c1", "cpus=1")]));

        Assert.True(_refuse.Refused);
        Assert.Equal([new ContainerId("c1")], result.Launched);
        Assert.Contains((await Cluster.Node("done0").GetSnapshot()).Containers, c => c.Spec.Id == new ContainerId("c1"));
    }

    /// <summary>Refuses the next partition Complete once armed, as a partition that no longer knows the lease does.</summary>
    private sealed class RefuseCompletion : IIncomingGrainCallFilter
    {
        public volatile bool Armed;
        public volatile bool Refused;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (Armed && context.InterfaceMethod?.Name == nameof(IAllocatorPartitionGrain.Complete))
            {
                Armed = false;
                Refused = true;
                throw new UnknownEntityException("lease", "dropped by a rebuild");
            }

            return context.Invoke();
        }
    }
}
