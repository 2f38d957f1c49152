using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using OrleansMesos.Errors;
using OrleansMesos.Grains;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// A framework client: queues the leases pushed to it, redeems them with containers that fill them
/// (<see cref="ClusterSettings.Parallelism"/> redemptions in flight), and acknowledges each container once,
/// with its terminal update (which acknowledges the updates before it). Its observer methods only queue
/// or start work: Orleans delivers an observer's calls one at a time.
/// </summary>
internal sealed class BenchFramework(FrameworkId id, IFrameworkGrain grain, ClusterSettings settings, ClusterMeter meter) : IFrameworkObserver
{
    private readonly Channel<(Lease Lease, long Received)> _queue = Channel.CreateUnbounded<(Lease, long)>();
    private readonly ConcurrentDictionary<LeaseId, int> _pending = new();
    private readonly ConcurrentDictionary<ContainerId, byte> _acknowledged = new();
    private long _nextContainer;
    private int _inFlight;
    private int _updatingDemand;

    public FrameworkId Id => id;

    public IFrameworkGrain Grain => grain;

    /// <summary>The demand this framework states first.</summary>
    public TaskDemand[] InitialDemand => [new TaskDemand(settings.Task, settings.Window > 0 ? settings.Window : ClusterSettings.UnboundedDemand)];

    public Task LeasesOffered(Lease[] leases)
    {
        Interlocked.Increment(ref meter.ObserverCalls);
        var now = DateTimeOffset.UtcNow;
        var received = Stopwatch.GetTimestamp();
        foreach (var lease in leases)
        {
            Interlocked.Increment(ref meter.LeasesOffered);
            Interlocked.Add(ref meter.TasksOffered, lease.Tasks);
            Interlocked.Add(ref _inFlight, lease.Tasks);
            meter.LeaseDelivery.Add((now - (lease.ExpiresAt - settings.LeaseTtl)).TotalMilliseconds);
            _pending[lease.Id] = lease.Tasks;
            _queue.Writer.TryWrite((lease, received));
        }

        return Task.CompletedTask;
    }

    public Task LeasesRescinded(LeaseId[] leases)
    {
        Interlocked.Increment(ref meter.ObserverCalls);
        foreach (var lease in leases)
        {
            Interlocked.Increment(ref meter.Rescinded);
            if (_pending.TryRemove(lease, out var tasks))
            {
                Returned(tasks);
            }
        }

        return Task.CompletedTask;
    }

    public Task StatusUpdates(ContainerStatus[] updates)
    {
        Interlocked.Increment(ref meter.ObserverCalls);
        foreach (var update in updates)
        {
            if (update.State.IsTerminal() && _acknowledged.TryAdd(update.Container, 0))
            {
                Interlocked.Increment(ref meter.ContainersFinished);
                _ = Acknowledge(update);
                Returned(1);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Redeems queued leases until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Parallelism).Select(_ => Task.Run(() => Redeemer(cancellationToken), CancellationToken.None)));

    private async Task Redeemer(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (lease, received) in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                // ReadAllAsync looks at the token only when the queue is empty.
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // A lease rescinded while it waited here is gone.
                if (_pending.TryRemove(lease.Id, out _))
                {
                    meter.LeaseWait.Since(received);
                    await Redeem(lease);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task Redeem(Lease lease)
    {
        var containers = new ContainerSpec[lease.Tasks];
        for (var i = 0; i < containers.Length; i++)
        {
            var n = Interlocked.Increment(ref _nextContainer);
            containers[i] = new ContainerSpec(new ContainerId($"{id.Value}-c{n}"), settings.Task, Command: "/bin/true");
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await grain.Redeem(new RedeemRequest($"r-{lease.Id.Value}", lease.Id, containers));
            meter.Redeem.Since(start);
            Interlocked.Increment(ref meter.Redeemed);
            Interlocked.Add(ref meter.ContainersLaunched, result.Launched.Length);
        }
        catch (LeaseUnavailableException)
        {
            // Expired or rescinded on the way: the rescind that follows returns its tasks.
            Interlocked.Increment(ref meter.RedeemUnavailable);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref meter.RedeemFailed);
            meter.Error(ex);
            Returned(lease.Tasks);
        }
    }

    private async Task Acknowledge(ContainerStatus update)
    {
        try
        {
            await grain.Acknowledge(update.Container, update.Sequence);
            Interlocked.Increment(ref meter.Acknowledged);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref meter.ClientErrors);
            meter.Error(ex);
        }
    }

    /// <summary>
    /// Tasks that ended or came back. With a window, once half of it is free the framework states its
    /// demand again (the rest of the window): a framework with a queue of work keeps its demand topped up.
    /// </summary>
    private void Returned(int tasks)
    {
        var inFlight = Interlocked.Add(ref _inFlight, -tasks);
        var window = settings.Window;
        if (window > 0 && window - inFlight >= Math.Max(1, window / 2) && Interlocked.CompareExchange(ref _updatingDemand, 1, 0) == 0)
        {
            _ = TopUpDemand();
        }
    }

    private async Task TopUpDemand()
    {
        try
        {
            var want = Math.Max(0, settings.Window - Volatile.Read(ref _inFlight));
            await grain.SetDemand([new TaskDemand(settings.Task, want)]);
            Interlocked.Increment(ref meter.DemandUpdates);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref meter.ClientErrors);
            meter.Error(ex);
        }
        finally
        {
            Volatile.Write(ref _updatingDemand, 0);
        }
    }
}
