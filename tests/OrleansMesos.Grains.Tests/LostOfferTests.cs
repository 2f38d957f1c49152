using OrleansMesos.Hosting;

namespace OrleansMesos.Grains.Tests;

/// <summary>An offer that never reaches its framework grain (one-way: its silo died, its write failed).</summary>
public sealed class LostOfferTests : ClusterTestBase
{
    private readonly DropOffer _drop = new();

    protected override Action<ISiloBuilder>? Storage => silo => silo.AddOrleansMesosMemoryStorage().AddIncomingGrainCallFilter(_drop);

    // Given a lease whose offer was lost on its way, When the lease expires, Then the partition no longer counts it
    // as in flight to the framework: it grants the framework's demand again.
    [Fact]
    public async Task AfterALostOffersLeaseExpires_TheDemandIsGrantedAgain()
    {
        await AddNodes(1, "cpus=4,mem=8GiB", prefix: "lost");
        var (observer, framework) = await AddFramework("unoffered");
        _drop.Armed = true;
        await framework.SetDemand([Demand("cpus=1", 1)]);
        await Eventually.True(() => _drop.Dropped, "the first offer is dropped");

        Cluster.Time.Advance(Cluster.Options.LeaseTtl + TimeSpan.FromSeconds(1));
        await Cluster.AllocateAll();

        var lease = await observer.NextLease();
        Assert.Equal(1, lease.Tasks);
    }

    /// <summary>Drops the next offer to a framework grain once armed.</summary>
    private sealed class DropOffer : IIncomingGrainCallFilter
    {
        public volatile bool Armed;
        public volatile bool Dropped;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (Armed && context.InterfaceMethod?.Name == nameof(IFrameworkGrain.Offer))
            {
                Armed = false;
                Dropped = true;
                return Task.CompletedTask;
            }

            return context.Invoke();
        }
    }
}
