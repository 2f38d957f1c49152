using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Tests;

/// <summary>Bad or late redemptions are refused with a typed error, and nothing is committed because of them.</summary>
public sealed class LeaseFaultTests : ClusterTestBase
{
    private async Task<(FakeAgent Agent, FakeFramework Observer, IFrameworkGrain Framework, Lease Lease)> OneLease(string framework = "f", string node = "cpus=1,mem=1GiB")
    {
        var agent = await AddNodes(1, node);
        var (observer, grain) = await AddFramework(framework);
        await grain.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        return (agent, observer, grain, await observer.NextLease());
    }

    private async Task AssertNothingCommitted(string node = "n0") =>
        Assert.Equal(Resources.Zero, (await Cluster.Node(node).GetSnapshot()).Committed);

    [Fact]
    public async Task AnExpiredLease_IsRescinded_AndCannotBeRedeemed()
    {
        var (_, observer, framework, lease) = await OneLease();

        Cluster.Time.Advance(Cluster.Options.LeaseTtl);
        await Cluster.AllocateAll();

        await Eventually.True(() => observer.Rescinded.Contains(lease.Id), "the lease is rescinded");
        var e = await Assert.ThrowsAsync<LeaseUnavailableException>(() => framework.Redeem(new RedeemRequest("r1", lease.Id, [Container("c1", "cpus=1")])));
        Assert.Equal("expired", e.Reason);
        await AssertNothingCommitted();

        // The task went back to demand: a fresh lease comes.
        var fresh = await observer.NextLease();
        Assert.NotEqual(lease.Id, fresh.Id);
    }

    [Fact]
    public async Task RedeemingTwiceWithOneRequestId_LaunchesOnce()
    {
        var (agent, _, framework, lease) = await OneLease();
        var request = new RedeemRequest("same", lease.Id, [Container("c1", "cpus=1,mem=1GiB")]);

        var first = await framework.Redeem(request);
        var second = await framework.Redeem(request);

        Assert.Equal((first.Lease, first.Node, first.Returned), (second.Lease, second.Node, second.Returned));
        Assert.Equal(first.Launched, second.Launched);
        await Eventually.True(() => !agent.Launches.IsEmpty, "the launch reaches the agent (a one-way call)");
        Assert.Single(agent.Launches);
        Assert.Single((await Cluster.Node("n0").GetSnapshot()).Containers);
    }

    [Fact]
    public async Task ARedeemedLease_CannotBeRedeemedAgainUnderAnotherRequest()
    {
        var (agent, _, framework, lease) = await OneLease();
        await framework.Redeem(new RedeemRequest("r1", lease.Id, [Container("c1", "cpus=1")]));

        var e = await Assert.ThrowsAsync<LeaseUnavailableException>(() => framework.Redeem(new RedeemRequest("r2", lease.Id, [Container("c2", "cpus=1")])));

        Assert.Equal("redeemed", e.Reason);
        await Eventually.True(() => !agent.Launches.IsEmpty, "the launch reaches the agent (a one-way call)");
        Assert.Single(agent.Launches);
    }

    [Fact]
    public async Task AnotherFrameworksLease_IsForbidden_AndStaysItsOwners()
    {
        var (agent, _, owner, lease) = await OneLease("owner");
        var (_, thief) = await AddFramework("thief");

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => thief.Redeem(new RedeemRequest("steal", lease.Id, [Container("c1", "cpus=1")])));
        Assert.Equal(("lease", "thief"), (e.Kind, e.Framework));
        await Assert.ThrowsAsync<ForbiddenException>(() => thief.Decline(lease.Id, TimeSpan.Zero));
        await AssertNothingCommitted();

        await owner.Redeem(new RedeemRequest("mine", lease.Id, [Container("c1", "cpus=1")]));
        await Eventually.True(() => !agent.Launches.IsEmpty, "the launch reaches the agent (a one-way call)");
        Assert.Single(agent.Launches);
    }

    [Theory]
    [InlineData("p0-doesnotexist")]
    [InlineData("p99-outofrange")]
    [InlineData("nonsense")]
    public async Task AnUnknownLease_IsUnknown(string id)
    {
        var (_, _, framework, _) = await OneLease();

        var e = await Assert.ThrowsAsync<UnknownEntityException>(() => framework.Redeem(new RedeemRequest("r1", new LeaseId(id), [Container("c1", "cpus=1")])));

        Assert.Equal(("lease", id), (e.Kind, e.Id));
        await AssertNothingCommitted();
    }

    [Fact]
    public async Task ContainersLargerThanTheLease_AreRefused_AndTheLeaseStaysUsable()
    {
        var (agent, _, framework, lease) = await OneLease(node: "cpus=4,mem=4GiB");

        var e = await Assert.ThrowsAsync<InvalidFieldException>(() => framework.Redeem(new RedeemRequest("big", lease.Id, [Container("c1", "cpus=1"), Container("c2", "cpus=1")])));
        Assert.Equal(("containers", "must fit inside the lease together"), (e.Field, e.Rule));
        await AssertNothingCommitted();
        Assert.Empty(agent.Launches);

        var result = await framework.Redeem(new RedeemRequest("fits", lease.Id, [Container("c1", "cpus=0.5")]));
        Assert.Equal(R("cpus=0.5,mem=1GiB"), result.Returned);
    }

    [Theory]
    [InlineData("", "requestId")]
    [InlineData("no-containers", "containers")]
    public async Task MalformedRedemptions_NameTheField(string requestId, string field)
    {
        var (_, _, framework, lease) = await OneLease();
        ContainerSpec[] containers = requestId == "no-containers" ? [] : [Container("c1", "cpus=1")];

        var e = await Assert.ThrowsAsync<InvalidFieldException>(() => framework.Redeem(new RedeemRequest(requestId, lease.Id, containers)));

        Assert.Equal(field, e.Field);
        await AssertNothingCommitted();
    }

    [Fact]
    public async Task AContainerWithNeitherImageNorCommand_IsRefused()
    {
        var (_, _, framework, lease) = await OneLease();

        var e = await Assert.ThrowsAsync<InvalidFieldException>(() => framework.Redeem(new RedeemRequest("r", lease.Id, [new ContainerSpec(new ContainerId("c1"), R("cpus=1"))])));

        Assert.Equal(("containers[0]", "must give either an image or a command"), (e.Field, e.Rule));
    }

    [Fact]
    public async Task AFrameworkCannotKillAnotherFrameworksContainer()
    {
        var (agent, _, owner, lease) = await OneLease("owner");
        await owner.Redeem(new RedeemRequest("r", lease.Id, [Container("c1", "cpus=1")]));
        var (_, other) = await AddFramework("other");

        var e = await Assert.ThrowsAsync<UnknownEntityException>(() => other.Kill(new ContainerId("c1")));

        Assert.Equal(("container", "c1"), (e.Kind, e.Id));
        Assert.Empty(agent.Kills);
    }

    [Fact]
    public async Task ANodeRefusesACommitBeyondItsFreeResources_WhateverTheCaller()
    {
        await AddNodes(1, "cpus=2,mem=2GiB");
        var node = Cluster.Node("n0");

        var e = await Assert.ThrowsAsync<OverCommitException>(() => node.Launch(new FrameworkId("f"), new LeaseId("p0-x"), [Container("c1", "cpus=3")]));

        Assert.Equal("n0", e.NodeId);
        await AssertNothingCommitted();
    }
}
