using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// A node agent that runs nothing: it records launches and kills, and (when told) reports containers as
/// Running at once, and Killed when killed. Stands in for the real agent, which needs a host of its own.
/// </summary>
public sealed class FakeAgent(IGrainFactory grains, bool autoRun = true, bool reportKills = true) : INodeAgent
{
    public ConcurrentQueue<LaunchCommand> Launches { get; } = new();

    public ConcurrentQueue<(NodeId Node, ContainerId Container)> Kills { get; } = new();

    public async Task Launch(LaunchCommand command)
    {
        Launches.Enqueue(command);
        if (autoRun)
        {
            await grains.GetGrain<INodeGrain>(command.Node.Value).Report(new AgentReport(command.Framework, command.Spec.Id, ContainerState.Running, null, null));
        }
    }

    public async Task Kill(NodeId node, FrameworkId framework, ContainerId container, TimeSpan grace)
    {
        Kills.Enqueue((node, container));
        if (!reportKills)
        {
            // A container slow to stop: the test reports it itself.
            return;
        }

        await grains.GetGrain<INodeGrain>(node.Value).Report(new AgentReport(framework, container, ContainerState.Killed, null, "killed"));
    }
}

/// <summary>A framework client's observer: what the framework grain pushed, in order.</summary>
public sealed class FakeFramework : IFrameworkObserver
{
    public Channel<Lease> Leases { get; } = Channel.CreateUnbounded<Lease>();

    public ConcurrentQueue<LeaseId> Rescinded { get; } = new();

    private readonly Dictionary<ContainerId, long> _applied = [];

    /// <summary>Every update as pushed, repeats included.</summary>
    public ConcurrentQueue<ContainerStatus> Updates { get; } = new();

    /// <summary>Updates as a client applies them: per container, only sequences above the last applied.</summary>
    public ConcurrentQueue<ContainerStatus> Applied { get; } = new();

    public Task LeasesOffered(Lease[] leases)
    {
        foreach (var lease in leases)
        {
            Leases.Writer.TryWrite(lease);
        }

        return Task.CompletedTask;
    }

    public Task LeasesRescinded(LeaseId[] leases)
    {
        foreach (var lease in leases)
        {
            Rescinded.Enqueue(lease);
        }

        return Task.CompletedTask;
    }

    public Task StatusUpdates(ContainerStatus[] updates)
    {
        lock (_applied)
        {
            foreach (var update in updates)
            {
                Updates.Enqueue(update);
                if (update.Sequence > _applied.GetValueOrDefault(update.Container))
                {
                    _applied[update.Container] = update.Sequence;
                    Applied.Enqueue(update);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The next lease pushed, waiting at most <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<Lease> NextLease(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await Leases.Reader.ReadAsync(cts.Token);
    }
}

/// <summary>Bounded waiting for something that happens asynchronously in the cluster.</summary>
public static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
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
