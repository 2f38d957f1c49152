namespace OrleansMesos.Sample.Tests.Batch;

/// <summary>When the demand is stated again: the framework grain's remaining demand drops as it offers leases.</summary>
public sealed class DemandTrackerTests
{
    [Fact]
    public void TheFirstDemand_IsAlwaysStated_ThenNotAgainWhileItHolds()
    {
        var demand = new DemandTracker();

        Assert.True(demand.ShouldState(20));
        Assert.False(demand.ShouldState(20));
        Assert.Equal(20, demand.Remaining);
    }

    [Fact]
    public void LeasesReceived_CountAgainstTheRemainingDemand_SoLaunchingTheirTasksStatesNothing()
    {
        var demand = new DemandTracker();
        demand.ShouldState(5);

        demand.LeaseReceived(3);

        // The three tasks launched: two wait, as the grain already knows.
        Assert.Equal(2, demand.Remaining);
        Assert.False(demand.ShouldState(2));
    }

    [Fact]
    public void ATaskThatReturnsToWaiting_AfterItsLeaseUsedUpTheDemand_IsStatedAgain()
    {
        // The stall this guards against: one task waited, its lease came (the grain's remaining demand fell to 0),
        // then another task failed. One task waits again, as before, yet the grain wants nothing: state it.
        var demand = new DemandTracker();
        Assert.True(demand.ShouldState(1));
        demand.LeaseReceived(1);

        Assert.True(demand.ShouldState(1));
        Assert.Equal(1, demand.Remaining);
    }

    [Fact]
    public void WhenTheRemainingDemandIsUnsure_ItIsStatedAgain_Once()
    {
        var demand = new DemandTracker();
        demand.ShouldState(0);

        demand.Unsure();

        Assert.True(demand.ShouldState(0));
        Assert.False(demand.ShouldState(0));
    }

    [Fact]
    public void MoreTasksLeasedThanStated_LeaveNothingRemaining()
    {
        var demand = new DemandTracker();
        demand.ShouldState(1);

        demand.LeaseReceived(4);

        Assert.Equal(0, demand.Remaining);
        Assert.False(demand.ShouldState(0));
    }
}
