using OrleansMesos.Allocation;
using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Tests;

/// <summary>Each partition explains a framework's unmet demand on its shard; the most hopeful verdict is the cluster's.</summary>
public sealed class ExplainTests : ClusterTestBase
{
    // Given nodes of 4 cpus, When a framework wants a task of 16, Then every partition says no node can ever fit it.
    [Fact]
    public async Task ATaskLargerThanAnyNode_NoNodeCanFit_OnEveryPartition()
    {
        await AddNodes(2, "cpus=4,mem=8GiB");
        var (_, framework) = await AddFramework("huge");
        await framework.SetDemand([Demand("cpus=16,mem=1GiB", 1)]);

        var explanations = await ExplainAll("huge");

        Assert.All(explanations, e => Assert.Equal(nameof(UnmetReason.NoNodeCanFit), e.Reason));
        Assert.All(explanations, e => Assert.Contains("never fit: no node is large enough", e.Message, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, Cluster.Options.Partitions), explanations.Select(e => e.Partition));
        Assert.Equal(UnmetReason.NoNodeCanFit, MostHopeful(explanations));
    }

    // Given one node of 2 cpus fully leased to role a, When a framework of role b wants 1 cpu, Then the node's
    // partition says it waits for resources (the others have no node at all), and that is the cluster's verdict.
    [Fact]
    public async Task AFullCluster_WaitingForResources_OnTheNodesPartition()
    {
        await AddNodes(1, "cpus=2,mem=4GiB");
        var (_, hog) = await AddFramework("hog", role: "a");
        await hog.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);
        await Eventually.True(async () => await ClusterAllocated() == R("cpus=2,mem=2GiB"), "the node is fully leased");
        var (_, late) = await AddFramework("late", role: "b");
        await late.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);

        var explanations = await ExplainAll("late");

        var home = NodePartitioner.PartitionOf(new NodeId("n0"), Cluster.Options.Partitions);
        Assert.Equal(nameof(UnmetReason.WaitingForResources), explanations[home].Reason);
        Assert.Contains("no node has room", explanations[home].Message, StringComparison.Ordinal);
        Assert.All(explanations.Where(e => e.Partition != home), e => Assert.Equal(nameof(UnmetReason.NoNodeCanFit), e.Reason));
        Assert.Equal(UnmetReason.WaitingForResources, MostHopeful(explanations));
    }

    // Given a role limited to 1 cpu that holds 1 cpu, When its framework wants another, Then the limit is the reason.
    [Fact]
    public async Task ARoleAtItsLimit_RoleLimitReached()
    {
        await Cluster.Client.GetGrain<IClusterGrain>(0).SetRole(new RoleSettings(new RoleName("capped"), limit: ResourceLimit.Parse("cpus=1")));
        await AddNodes(1, "cpus=4,mem=8GiB");
        var (_, framework) = await AddFramework("capped-fw", role: "capped");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);
        await Eventually.True(async () => await ClusterAllocated() == R("cpus=1,mem=1GiB"), "one task is leased");

        // The framework grain tells the partitions its remaining demand after the lease reaches it.
        await Eventually.True(async () => MostHopeful(await ExplainAll("capped-fw")) == UnmetReason.RoleLimitReached, "the limit is the reason");

        var home = NodePartitioner.PartitionOf(new NodeId("n0"), Cluster.Options.Partitions);
        var explanation = (await ExplainAll("capped-fw"))[home];
        Assert.Equal("1 task(s) of cpus=1,mem=1GiB: role 'capped' holds cpus=1,mem=1GiB of its limit cpus=1", explanation.Message);
        Assert.Equal(1, explanation.RemainingTasks);
    }

    [Fact]
    public async Task AnUnknownFramework_IsRefusedByName()
    {
        var error = await Assert.ThrowsAsync<UnknownEntityException>(() => Cluster.Partition(0).Explain(new FrameworkId("nobody")));

        Assert.Equal("unknown framework 'nobody'", error.Message);
    }

    private async Task<DemandExplanation[]> ExplainAll(string framework) =>
        await Task.WhenAll(Enumerable.Range(0, Cluster.Options.Partitions).Select(p => Cluster.Partition(p).Explain(new FrameworkId(framework))));

    // As the engine does across demand groups: the most hopeful verdict wins.
    private static UnmetReason MostHopeful(IEnumerable<DemandExplanation> explanations) =>
        explanations.Select(e => Enum.Parse<UnmetReason>(e.Reason)).Max();
}
