using Microsoft.Extensions.Options;
using OrleansMesos.Allocation;
using OrleansMesos.Errors;
using OrleansMesos.Grains.Options;
using OrleansMesos.Grains.Telemetry;

namespace OrleansMesos.Grains.Nodes;

/// <summary>
/// One per node: the authority on what is committed there. Every commit is checked against the node's own
/// books and written (ETag-checked) before it is confirmed; an activation that loses the ETag race
/// deactivates so that the caller's retry meets the current state.
/// </summary>
public sealed partial class NodeGrain(
    [PersistentState("node", OrleansMesosOptions.StorageName)] IPersistentState<NodeGrainState> state,
    IOptions<OrleansMesosOptions> options,
    ClusterClock clock,
    ClusterMetrics metrics,
    ILogger<NodeGrain> logger) : Grain, INodeGrain, IRemindable
{
    /// <summary>The durable reminder that brings the grain back after its silo crashed (see <see cref="OrleansMesosOptions.NodeWatchPeriod"/>).</summary>
    internal const string WatchReminder = "watch";

    private readonly OrleansMesosOptions _options = options.Value;
    private readonly Queue<Func<Task>> _outbox = new();
    private bool _pumping;

    /// <summary>Updates were delivered since the last write: the stored books still list them as undelivered.</summary>
    private bool _deliveredSinceWrite;

    /// <summary>The releases counted in the stored books: what a snapshot reports, so that a partition never takes an
    /// unwritten count (lost if the write fails) as reflected.</summary>
    private long _releasedWritten;
    private DateTimeOffset _lastHeartbeat;
    private NodeUsage? _usage;

    private NodeId Id => new(this.GetPrimaryKeyString());

    private NodeGrainState Books => state.State;

    private IAllocatorPartitionGrain Partition =>
        GrainFactory.GetGrain<IAllocatorPartitionGrain>(NodePartitioner.PartitionOf(Id, _options.Partitions));

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _releasedWritten = Books.Released;
        // A reactivated grain gives the agent a full deadline before judging it.
        _lastHeartbeat = clock.Now;
        StartMetrics();
        foreach (var status in Books.Undelivered)
        {
            Send(() => Deliver(status));
        }

        this.RegisterGrainTimer(_ => CheckHealth(), new GrainTimerCreationOptions(_options.HeartbeatInterval, _options.HeartbeatInterval) { Interleave = false });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Register(NodeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.Node != Id)
        {
            throw new InvalidFieldException("node", "must be the id of the node grain registered", $"{registration.Node} registered as {Id}");
        }

        if (registration.Capacity.IsZero)
        {
            throw new InvalidFieldException("capacity", "must offer some resource");
        }

        if (!Books.Committed().FitsIn(registration.Capacity))
        {
            throw new InvalidFieldException("capacity", "must cover what is committed on the node", $"{Books.Committed()} is committed");
        }

        Books.Registration = registration;
        _nodeMetrics.SetCapacity(registration.Capacity);
        Books.Reachable = true;
        Books.UnreachableSince = null;
        _lastHeartbeat = clock.Now;
        await WriteAsync();
        await this.RegisterOrUpdateReminder(WatchReminder, _options.NodeWatchPeriod, _options.NodeWatchPeriod);
        await Partition.UpsertNode(new PartitionNode(Id, registration.Capacity, registration.Attributes, Schedulable: !Books.Draining));
        await GrainFactory.GetGrain<IClusterGrain>(0).NodeRegistered(Id);
        LogRegistered(Id, registration.Capacity);
    }

    /// <inheritdoc />
    public async Task Heartbeat(NodeUsage? usage = null)
    {
        _lastHeartbeat = clock.Now;
        _usage = usage ?? _usage;
        if (!Books.Reachable && Books.Registration is not null)
        {
            Books.Reachable = true;
            Books.UnreachableSince = null;
            await WriteAsync();
            await Partition.SetNodeSchedulable(Id, !Books.Draining);
            LogReachableAgain(Id);
        }
    }

    /// <inheritdoc />
    public async Task<ContainerId[]> Launch(FrameworkId framework, LeaseId lease, ContainerSpec[] containers)
    {
        var registration = Books.Registration ?? throw new UnknownEntityException("node", Id.Value);
        if (!Books.Reachable || Books.Draining)
        {
            throw new NodeUnavailableException(Id.Value, Books.Draining ? "draining" : "unreachable");
        }

        var fresh = new List<ContainerSpec>();
        foreach (var spec in containers)
        {
            var at = Books.IndexOf(framework, spec.Id);
            if (at < 0)
            {
                fresh.Add(spec);
            }
            else if (Books.Containers[at].Lease != lease)
            {
                throw new DuplicateEntityException("container", spec.Id.Value);
            }
        }

        var asked = fresh.Aggregate(Resources.Zero, (sum, c) => sum + c.Resources);
        var free = registration.Capacity - Books.Committed();
        if (!asked.FitsIn(free))
        {
            throw new OverCommitException(Id.Value, asked, free);
        }

        var now = clock.Now;
        var records = fresh.Select(spec => new ContainerRecord(framework, lease, spec, ContainerState.Staging, null, null, now, now, 1)).ToList();
        Books.Containers.AddRange(records);
        records.ForEach(_nodeMetrics.Launched);
        Books.Undelivered.AddRange(records.Select(StatusOf));
        await WriteAsync();

        foreach (var record in records)
        {
            registration.Agent?.Launch(new LaunchCommand(Id, framework, record.Spec)).Ignore();
            var status = StatusOf(record);
            Send(() => Deliver(status));
        }

        return [.. containers.Select(c => c.Id)];
    }

    /// <inheritdoc />
    public Task Kill(FrameworkId framework, ContainerId container)
    {
        var at = Books.IndexOf(framework, container);
        if (at < 0)
        {
            throw new UnknownEntityException("container", container.Value);
        }

        if (!Books.Containers[at].State.IsTerminal())
        {
            Books.Registration?.Agent?.Kill(Id, framework, container, _options.KillGracePeriod).Ignore();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Report(AgentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var at = Books.IndexOf(report.Framework, report.Container);
        if (at < 0)
        {
            throw new UnknownEntityException("container", report.Container.Value);
        }

        var record = Books.Containers[at];
        if (!record.State.CanMoveTo(report.State))
        {
            // Repeated or late reports (an agent resending after a restart) change nothing.
            LogIgnoredReport(Id, report.Container, record.State, report.State);
            return;
        }

        await Move(at, report.State, report.ExitCode, ReasonOf(report));
    }

    /// <inheritdoc />
    public Task<NodeSnapshot> GetSnapshot()
    {
        var registration = Books.Registration;
        return Task.FromResult(new NodeSnapshot(
            Id,
            registration?.Capacity ?? Resources.Zero,
            Books.Committed(),
            registration is not null,
            Books.Reachable,
            Books.Draining,
            [.. Books.Containers],
            _lastHeartbeat,
            registration?.Attributes ?? [],
            _usage,
            _releasedWritten));
    }

    /// <inheritdoc />
    public async Task CheckHealth()
    {
        StartPump();

        // Deliveries are written with the next change, or here: a later activation would otherwise send long
        // acknowledged updates again, which a framework no longer remembers. (A node that left still delivers.)
        if (_deliveredSinceWrite)
        {
            await WriteAsync();
        }

        if (Books.Registration is null)
        {
            return;
        }

        var now = clock.Now;
        var deadline = _lastHeartbeat + (_options.HeartbeatInterval * _options.MissedHeartbeatsLimit);
        if (Books.Reachable && now > deadline)
        {
            Books.Reachable = false;
            Books.UnreachableSince = now;
            await WriteAsync();
            LogUnreachable(Id, _lastHeartbeat);
            await Partition.SetNodeSchedulable(Id, false);
        }

        if (!Books.Reachable && Books.UnreachableSince is { } since && now - since >= _options.LostGracePeriod)
        {
            for (var i = 0; i < Books.Containers.Count; i++)
            {
                if (!Books.Containers[i].State.IsTerminal())
                {
                    await Move(i, ContainerState.Lost, null, $"node unreachable since {since:O}");
                }
            }
        }

        await KillPastDrainDeadline();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckHealth();

    /// <summary>Moves a container to a new state, writes it, then tells its framework and, if terminal, its partition.</summary>
    private async Task Move(int at, ContainerState next, int? exitCode, string? reason)
    {
        var record = Books.Containers[at];
        var moved = record with { State = next, ExitCode = exitCode, Reason = reason, UpdatedAt = clock.Now, Sequence = record.Sequence + 1 };
        Books.Containers[at] = moved;
        _nodeMetrics.Moved(record.State, moved);
        var status = StatusOf(moved);
        Books.Undelivered.Add(status);
        var released = 0L;
        if (next.IsTerminal())
        {
            Books.Prune();
            released = ++Books.Released;
        }

        await WriteAsync();
        Send(() => Deliver(status));
        if (released > 0)
        {
            Send(() => Partition.Release(moved.Framework, Id, moved.Spec.Resources, released));
        }
    }

    private ContainerStatus StatusOf(ContainerRecord record) =>
        new(record.Framework, record.Spec.Id, Id, record.State, record.ExitCode, record.Reason, record.UpdatedAt, record.Sequence);

    private async Task Deliver(ContainerStatus status)
    {
        await GrainFactory.GetGrain<IFrameworkGrain>(status.Framework.Value).StatusChanged(status);
        Books.Undelivered.Remove(status);
        _deliveredSinceWrite = true;
    }

    /// <summary>
    /// Queues a message to a framework or partition. Messages go one at a time, in order, outside the
    /// turn that queued them: a node never waits on a framework grain inside a call, since that grain may
    /// be waiting on this node (a redemption), and the two would deadlock.
    /// </summary>
    private void Send(Func<Task> message)
    {
        _outbox.Enqueue(message);
        StartPump();
    }

    private void StartPump()
    {
        if (!_pumping && _outbox.Count > 0)
        {
            _pumping = true;
            Pump().Ignore();
        }
    }

    private async Task Pump()
    {
        try
        {
            while (_outbox.TryPeek(out var next))
            {
                try
                {
                    await next();
                }
                catch (OrleansMesosException ex) when (!ex.MayPass)
                {
                    // Refused for good (an unknown framework): a retry would be refused again.
                    LogDeliveryRefused(ex, Id);
                }

                _outbox.Dequeue();
            }
        }
        catch (Exception ex)
        {
            // Unreachable now: the health timer starts the pump again.
            LogDeliveryFailed(ex, Id, _outbox.Count);
        }
        finally
        {
            _pumping = false;
        }
    }

    private async Task WriteAsync()
    {
        _deliveredSinceWrite = false;
        var released = Books.Released;
        await state.WriteOrStepDownAsync(this);
        _releasedWritten = released;
    }
}
