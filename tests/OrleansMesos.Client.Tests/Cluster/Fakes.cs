using System.Collections.Concurrent;

namespace OrleansMesos.Client.Tests.Cluster;

/// <summary>
/// A node agent that runs nothing: it records launches and kills and reports each launched container as
/// Starting then Running at once, and Killed when killed. Stands in for the real agent, which needs a host.
/// </summary>
public sealed class FakeAgent(IGrainFactory grains) : INodeAgent
{
    public ConcurrentQueue<LaunchCommand> Launches { get; } = new();

    public ConcurrentQueue<ContainerId> Kills { get; } = new();

    public async Task Launch(LaunchCommand command)
    {
        Launches.Enqueue(command);
        var node = grains.GetGrain<INodeGrain>(command.Node.Value);
        await node.Report(new AgentReport(command.Framework, command.Spec.Id, ContainerState.Starting, null, null));
        await node.Report(new AgentReport(command.Framework, command.Spec.Id, ContainerState.Running, null, null));
    }

    public async Task Kill(NodeId node, FrameworkId framework, ContainerId container, TimeSpan grace)
    {
        Kills.Enqueue(container);
        await grains.GetGrain<INodeGrain>(node.Value).Report(new AgentReport(framework, container, ContainerState.Killed, null, "killed"));
    }
}

/// <summary>
/// Stands between a client and its framework grain: counts the calls, remembers the redemption requests, and
/// can lose the answer of the next redemption after the grain carried it out (as a timeout would).
/// </summary>
public sealed class InterceptedGrain(IFrameworkGrain inner) : IFrameworkGrain
{
    public ConcurrentQueue<RedeemRequest> Redemptions { get; } = new();

    public volatile bool LoseNextRedeemAnswer;

    public Task<FrameworkSnapshot> Register(FrameworkRegistration registration, IFrameworkObserver observer) => inner.Register(registration, observer);

    public Task Disconnect() => inner.Disconnect();

    public Task Unregister() => inner.Unregister();

    public Task SetDemand(TaskDemand[] demand) => inner.SetDemand(demand);

    public async Task<RedeemResult> Redeem(RedeemRequest request)
    {
        Redemptions.Enqueue(request);
        var result = await inner.Redeem(request);
        if (LoseNextRedeemAnswer)
        {
            LoseNextRedeemAnswer = false;
            throw new TimeoutException("the answer was lost (test)");
        }

        return result;
    }

    public Task Decline(LeaseId lease, TimeSpan filter) => inner.Decline(lease, filter);

    public Task Kill(ContainerId container) => inner.Kill(container);

    public Task Acknowledge(ContainerId container, long sequence) => inner.Acknowledge(container, sequence);

    public Task<FrameworkSnapshot> GetSnapshot() => inner.GetSnapshot();

    public Task Offer(Lease[] leases) => inner.Offer(leases);

    public Task Rescind(LeaseId[] leases) => inner.Rescind(leases);

    public Task StatusChanged(ContainerStatus status) => inner.StatusChanged(status);

    public Task CheckTimers() => inner.CheckTimers();
}

/// <summary>Bounded waiting for something that happens asynchronously in the cluster.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(20);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        True(() => Task.FromResult(condition()), what, timeout);
}
