using OrleansMesos.Cli.Cluster;

namespace OrleansMesos.Cli.Tests.Cluster;

/// <summary>How omctl explain combines the partitions' verdicts into the cluster's.</summary>
public sealed class ExplainCombineTests
{
    // Partition 0 has no node that fits, partitions 1 and 2 wait for resources, partition 3 has granted its share:
    // waiting outranks never fitting, and the lower of two equal partitions speaks.
    [Fact]
    public void TheMostHopefulVerdict_Wins_TheLowestPartitionAmongEquals()
    {
        var result = ExplainCommand.Combine(
            Snapshot(remaining: 3),
            [Verdict(3, "None"), Verdict(2, "WaitingForResources", "b", ahead: "web"), Verdict(0, "NoNodeCanFit"), Verdict(1, "WaitingForResources", "a", ahead: "batch")]);

        Assert.Equal(("WaitingForResources", "a", 1), (result.Reason, result.Message, result.Partition));
        Assert.Equal(3, result.RemainingTasks);
        Assert.Equal([0, 1, 2, 3], result.Partitions.Select(p => p.Partition));
        Assert.Equal(["batch"], result.RolesAhead.Select(r => r.Role));
    }

    [Fact]
    public void NothingRemaining_IsNone_WhateverStalePartitionsSay()
    {
        var result = ExplainCommand.Combine(Snapshot(remaining: 0), [Verdict(0, "WaitingForResources")]);

        Assert.Equal(("None", "all demand is leased: no task waits", (int?)null), (result.Reason, result.Message, result.Partition));
        Assert.Empty(result.RolesAhead);
    }

    [Fact]
    public void DemandNoPartitionHolds_SaysTheLeasesAreOnTheirWay()
    {
        var result = ExplainCommand.Combine(Snapshot(remaining: 2), [Verdict(0, "None"), Verdict(1, "None")]);

        Assert.Equal("None", result.Reason);
        Assert.StartsWith("2 task(s) wait, but every partition has granted its share of them", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReasonThisVersionDoesNotKnow_RanksLowest()
    {
        var result = ExplainCommand.Combine(Snapshot(remaining: 1), [Verdict(0, "SomethingNew"), Verdict(1, "NoNodeCanFit")]);

        Assert.Equal(("NoNodeCanFit", 1), (result.Reason, result.Partition));
    }

    private static FrameworkSnapshot Snapshot(int remaining) => new(
        new FrameworkRegistration(new FrameworkId("f"), "f", new RoleName("r"), "tester", false, TimeSpan.FromMinutes(1)),
        Connected: true,
        [new TaskDemand(Resources.Parse("cpus=1"), remaining)],
        [],
        [],
        0,
        null);

    private static DemandExplanation Verdict(int partition, string reason, string message = "m", string? ahead = null) => new(
        partition, new FrameworkId("f"), 1, reason, message, 0.1, ahead is null ? [] : [new RoleShare(new RoleName(ahead), 0.05, 0.05)]);
}
