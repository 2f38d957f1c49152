using Microsoft.Extensions.Options;
using OrleansMesos.Errors;
using OrleansMesos.Grains.Options;

namespace OrleansMesos.Grains.Frameworks;

/// <summary>
/// One per framework: registration and failover, demand, leases, redemptions and at-least-once status
/// delivery. The leases it holds came from the partitions; a redemption claims the lease from its
/// partition, commits on the node, then completes the claim, so a retried or concurrent redemption
/// launches nothing twice and a lease is never used by two requests.
/// </summary>
public sealed partial class FrameworkGrain(
    [PersistentState("framework", OrleansMesosOptions.StorageName)] IPersistentState<FrameworkGrainState> state,
    IOptions<OrleansMesosOptions> options,
    ClusterClock clock,
    ILogger<FrameworkGrain> logger) : Grain, IFrameworkGrain
{
    private readonly OrleansMesosOptions _options = options.Value;
    private DateTimeOffset _lastSeen;
    private IGrainTimer? _broadcastTimer;
    private bool _broadcastScheduled;

    private FrameworkId Id => new(this.GetPrimaryKeyString());

    private FrameworkGrainState Books => state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastSeen = clock.Now;
        this.RegisterGrainTimer(_ => CheckTimers(), new GrainTimerCreationOptions(_options.RedeliveryInterval, _options.RedeliveryInterval) { Interleave = false });
        _broadcastTimer = this.RegisterGrainTimer(_ => _broadcastScheduled && !Books.Ended ? Broadcast() : Task.CompletedTask, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = false });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<FrameworkSnapshot> Register(FrameworkRegistration registration, IFrameworkObserver observer)
    {
        _lastSeen = clock.Now;
        Validate(registration);
        ArgumentNullException.ThrowIfNull(observer);
        await TeardownIfFailoverPassed();
        if (Books.Ended)
        {
            // A new incarnation: nothing of the old one survives.
            state.State = new FrameworkGrainState();
        }

        if (Books.Registration is { } known && known.Role != registration.Role)
        {
            throw new InvalidFieldException("role", "cannot change while the framework is registered", $"registered under {known.Role}, asked {registration.Role}");
        }

        var reconnect = Books.Registration is not null;
        Books.Registration = registration;
        Books.Observer = observer;
        Books.DisconnectedAt = null;
        await state.WriteOrStepDownAsync(this);
        await Broadcast();
        await GrainFactory.GetGrain<IClusterGrain>(0).FrameworkRegistered(Id);
        if (reconnect)
        {
            // Whatever the client may have missed while away comes again.
            Push(o => o.LeasesOffered([.. Books.Leases.Values]), Books.Leases.Count);
            Push(o => o.StatusUpdates([.. Books.Outbox]), Books.Outbox.Count);
        }

        LogRegistered(Id, registration.Role, reconnect);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task Disconnect()
    {
        EnsureRegistered();
        Books.Observer = null;
        Books.DisconnectedAt = clock.Now;
        await state.WriteOrStepDownAsync(this);
        LogDisconnected(Id, Books.Registration!.FailoverTimeout);
    }

    /// <inheritdoc />
    public async Task Unregister()
    {
        EnsureRegistered();
        await Teardown("unregistered");
    }

    /// <inheritdoc />
    public async Task SetDemand(TaskDemand[] demand)
    {
        _lastSeen = clock.Now;
        EnsureRegistered();
        DemandShares.Validate(demand);
        Books.Demand = [.. demand];
        Books.Remaining = [.. demand.Select(d => d.Count)];
        await state.WriteOrStepDownAsync(this);
        await Broadcast();
    }

    /// <inheritdoc />
    public async Task Decline(LeaseId lease, TimeSpan filter)
    {
        _lastSeen = clock.Now;
        EnsureRegistered();
        if (filter < TimeSpan.Zero && filter != Timeout.InfiniteTimeSpan)
        {
            throw new InvalidFieldException("filter", "must not be negative", filter.ToString());
        }

        await PartitionOf(lease).Decline(Id, lease, filter);
        if (Books.Leases.Remove(lease, out var declined))
        {
            ReturnToDemand(declined);
        }

        await state.WriteOrStepDownAsync(this);
        await Broadcast();
    }

    /// <inheritdoc />
    public async Task Kill(ContainerId container)
    {
        _lastSeen = clock.Now;
        EnsureRegistered();
        if (!Books.Containers.TryGetValue(container, out var status))
        {
            throw new UnknownEntityException("container", container.Value ?? "null");
        }

        await GrainFactory.GetGrain<INodeGrain>(status.Node.Value).Kill(Id, container);
    }

    /// <inheritdoc />
    public async Task Acknowledge(ContainerId container, long sequence)
    {
        _lastSeen = clock.Now;
        EnsureRegistered();
        var removed = Books.Outbox.RemoveAll(s => s.Container == container && s.Sequence <= sequence);
        if (Books.Containers.TryGetValue(container, out var latest) && latest.State.IsTerminal() && latest.Sequence <= sequence)
        {
            Books.Containers.Remove(container);
            Books.NoteFinished(container);
        }

        if (removed > 0)
        {
            await state.WriteOrStepDownAsync(this);
        }
    }

    /// <inheritdoc />
    public Task<FrameworkSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task Offer(Lease[] leases)
    {
        var accepted = new List<Lease>();
        var refused = new List<Lease>();
        foreach (var lease in leases)
        {
            Books.SeenTasks[lease.Partition] = Books.SeenTasks.GetValueOrDefault(lease.Partition) + lease.Tasks;
            var g = lease.DemandGroup;
            if (Books.Registration is not null && !Books.Ended && DemandShares.Matches(Books.Demand, lease) && Books.Remaining[g] > 0)
            {
                Books.Remaining[g] = Math.Max(0, Books.Remaining[g] - lease.Tasks);
                Books.Leases[lease.Id] = lease;
                accepted.Add(lease);
            }
            else
            {
                refused.Add(lease);
            }
        }

        await state.WriteOrStepDownAsync(this);
        if (accepted.Count > 0)
        {
            Push(o => o.LeasesOffered([.. accepted]), accepted.Count);
        }

        // More than the framework wants (partitions overshoot a little, or demand changed): straight back.
        await Task.WhenAll(refused.Select(l => PartitionOf(l.Id).Decline(Id, l.Id, TimeSpan.Zero)));
        if (!Books.Ended)
        {
            ScheduleBroadcast();
        }
    }

    /// <inheritdoc />
    public async Task Rescind(LeaseId[] leases)
    {
        var gone = leases.Where(Books.Leases.ContainsKey).ToList();
        foreach (var id in gone)
        {
            Books.Leases.Remove(id, out var lease);
            ReturnToDemand(lease!);
        }

        if (gone.Count > 0)
        {
            await state.WriteOrStepDownAsync(this);
            Push(o => o.LeasesRescinded([.. gone]), gone.Count);
            ScheduleBroadcast();
        }
    }

    /// <inheritdoc />
    public async Task StatusChanged(ContainerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        // Late copies: an update at or below the latest known, or of a container not known (any container's first
        // update is its Staging, sequence 1) that finished and was acknowledged, recently or long ago.
        if ((Books.Containers.TryGetValue(status.Container, out var latest) && latest.Sequence >= status.Sequence)
            || (latest is null && (status.Sequence > 1 || Books.Finished.Contains(status.Container))))
        {
            return;
        }

        Books.Containers[status.Container] = status;
        Books.Outbox.Add(status);
        await state.WriteOrStepDownAsync(this);

        // Pushes to a client may overtake each other: each carries every unacknowledged update of the
        // container, in order, so a client that applies only sequences above the last it saw sees them in order.
        var pending = Books.Outbox.Where(s => s.Container == status.Container).ToArray();
        Push(o => o.StatusUpdates(pending), pending.Length);
    }

    /// <inheritdoc />
    public async Task CheckTimers()
    {
        if (Books.Observer is not null && Books.DisconnectedAt is null && !Books.Ended && clock.Now - _lastSeen >= _options.ClientTimeout)
        {
            // A client that crashed never says Disconnect: its silence starts the failover timeout.
            Books.Observer = null;
            Books.DisconnectedAt = clock.Now;
            await state.WriteOrStepDownAsync(this);
            LogClientSilent(Id, _options.ClientTimeout);
        }

        if (await TeardownIfFailoverPassed())
        {
            return;
        }

        Push(o => o.StatusUpdates([.. Books.Outbox]), Books.Outbox.Count);
    }

    private FrameworkSnapshot Snapshot() => new(
        Books.Registration,
        Books.Observer is not null,
        [.. Books.Demand.Select((d, g) => d with { Count = Books.Remaining.Length > g ? Books.Remaining[g] : 0 })],
        [.. Books.Leases.Values],
        [.. Books.Containers.Values],
        Books.Outbox.Count,
        Books.DisconnectedAt,
        Books.Ended);

    /// <summary>Tells every partition the framework's role, capability and share of the remaining demand.</summary>
    private Task Broadcast()
    {
        _broadcastScheduled = false;
        var registration = Books.Registration!;
        var version = ++Books.DemandVersion;
        var share = Books.Ended ? [] : DemandShares.ForPartition(Books.Demand, Books.Remaining, _options.Partitions);
        return Task.WhenAll(Enumerable.Range(0, _options.Partitions).Select(p =>
            GrainFactory.GetGrain<IAllocatorPartitionGrain>(p).UpsertFramework(new PartitionFramework(
                Id, registration.Role, registration.GpuCapable, share, version, Books.SeenTasks.GetValueOrDefault(p)))));
    }

    /// <summary>Broadcasts a moment later, so that a burst of offers and rescinds makes one broadcast.</summary>
    private void ScheduleBroadcast()
    {
        if (!_broadcastScheduled && Books.Registration is not null)
        {
            _broadcastScheduled = true;
            _broadcastTimer!.Change(_options.AllocationBatchDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReturnToDemand(Lease lease)
    {
        if (DemandShares.Matches(Books.Demand, lease))
        {
            Books.Remaining[lease.DemandGroup] += lease.Tasks;
        }
    }

    private IAllocatorPartitionGrain PartitionOf(LeaseId lease) =>
        LeaseIds.PartitionOf(lease) is { } p && p >= 0 && p < _options.Partitions
            ? GrainFactory.GetGrain<IAllocatorPartitionGrain>(p)
            : throw new UnknownEntityException("lease", lease.Value ?? "null");

    /// <summary>Sends to the connected client, if any; one-way, so a gone client costs nothing here.</summary>
    private void Push(Func<IFrameworkObserver, Task> send, int count)
    {
        if (Books.Observer is { } observer && count > 0)
        {
            send(observer).Ignore();
        }
    }

    private void EnsureRegistered()
    {
        if (Books.Registration is null || Books.Ended)
        {
            throw new UnknownEntityException("framework", Id.Value);
        }
    }

    private async Task<bool> TeardownIfFailoverPassed()
    {
        if (!Books.Ended && Books.DisconnectedAt is { } since && Books.Registration is { } r && clock.Now - since >= r.FailoverTimeout)
        {
            await Teardown("failover timeout passed");
            return true;
        }

        return false;
    }

    /// <summary>Kills the framework's containers, returns its leases and tells every partition it is gone.</summary>
    private async Task Teardown(string why)
    {
        foreach (var status in Books.Containers.Values.Where(s => !s.State.IsTerminal()))
        {
            await GrainFactory.GetGrain<INodeGrain>(status.Node.Value).Kill(Id, status.Container);
        }

        foreach (var lease in Books.Leases.Values)
        {
            try
            {
                await PartitionOf(lease.Id).Decline(Id, lease.Id, TimeSpan.Zero);
            }
            catch (OrleansMesosException)
            {
                // Expired or redeemed meanwhile: nothing to return.
            }
        }

        Books.Leases.Clear();
        Books.Demand = [];
        Books.Remaining = [];
        Books.Ended = true;
        Books.Observer = null;
        await state.WriteOrStepDownAsync(this);
        await Task.WhenAll(Enumerable.Range(0, _options.Partitions).Select(p => GrainFactory.GetGrain<IAllocatorPartitionGrain>(p).RemoveFramework(Id)));
        await GrainFactory.GetGrain<IClusterGrain>(0).FrameworkEnded(Id);
        LogTornDown(Id, why);
    }

    private void Validate(FrameworkRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.Id != Id)
        {
            throw new InvalidFieldException("id", "must be the id of the framework grain registered", $"{registration.Id} registered as {Id}");
        }

        if (string.IsNullOrWhiteSpace(registration.Name))
        {
            throw new InvalidFieldException("name", "must not be empty");
        }

        if (registration.Role.Value is null)
        {
            throw new InvalidFieldException("role", IdRules.Rule, "null");
        }

        if (registration.FailoverTimeout < TimeSpan.Zero)
        {
            throw new InvalidFieldException("failoverTimeout", "must not be negative", registration.FailoverTimeout.ToString());
        }
    }
}
