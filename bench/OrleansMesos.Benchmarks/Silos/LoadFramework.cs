using System.Diagnostics;
using OrleansMesos.Client;
using OrleansMesos.Errors;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// A framework with a queue of work, through the client SDK (<see cref="FrameworkClient"/>, an Orleans client of its
/// own): it keeps <see cref="LoadShape.Window"/> tasks waiting, leased or running. It redeems each lease it reads with
/// as many waiting tasks as the lease holds (a container each, the lease id as request id), declines a lease when
/// nothing waits, acknowledges every status update, and runs a task again (next attempt, first in the queue) when its
/// container is Lost, Failed or Killed. A finished task is replaced by a new one, so the work never runs out.
/// </summary>
/// <remarks>
/// Demand: stated as the tasks waiting; the cluster lowers it by each lease it grants. It is stated again when half
/// the window waits uncovered, after a decline or a refused redemption (which hand tasks back to the cluster's count),
/// and when no lease came for <see cref="StallRefresh"/> while tasks wait.
/// </remarks>
internal sealed partial class LoadFramework : IAsyncDisposable
{
    private static readonly TimeSpan StallRefresh = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly FrameworkClient _client;
    private readonly LoadShape _shape;
    private readonly LoadMeter _meter;
    private readonly LinkedList<Attempt> _waiting = new();
    private readonly Dictionary<ContainerId, Attempt> _attempts = [];
    private readonly List<TaskEvent> _events = [];
    private long _nextTask;
    private int _stated;
    private long _lastLease = Stopwatch.GetTimestamp();
    private int _demandBusy;
    private int _demandAgain;

    private LoadFramework(FrameworkClient client, LoadShape shape, LoadMeter meter)
    {
        _client = client;
        _shape = shape;
        _meter = meter;
    }

    public FrameworkId Id => _client.Id;

    /// <summary>Connects a framework through its own Orleans client of the cluster at <paramref name="connection"/>.</summary>
    public static async Task<LoadFramework> ConnectAsync(ClusterConnection connection, string id, LoadShape shape, LoadMeter meter, CancellationToken cancellationToken)
    {
        var client = await FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId(id), Principal = "bench" }, cancellationToken);
        return new LoadFramework(client, shape, meter);
    }

    /// <summary>States the first demand and works until <paramref name="stop"/>; then clears the demand.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        lock (_gate)
        {
            for (var i = 0; i < _shape.Window; i++)
            {
                _waiting.AddLast(NewTask());
            }
        }

        await StateDemandAsync();
        Task[] loops =
        [
            .. Enumerable.Range(0, _shape.Parallelism).Select(_ => Guard(ReadLeasesAsync(stop))),
            Guard(ReadStatusesAsync(stop)),
            Guard(KeepDemandAsync(stop)),
        ];
        await Task.WhenAll(loops);
        try
        {
            await _client.SetDemandAsync([]).WaitAsync(StopBound);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // The cluster is stopped next.
        }
    }

    /// <summary>The attempts launched on <paramref name="node"/> that have not ended, as this framework knows them now.</summary>
    public IReadOnlyList<Attempt> LiveOn(NodeId node)
    {
        lock (_gate)
        {
            return [.. _attempts.Values.Where(a => a.Node == node)];
        }
    }

    /// <summary>Attempts launched and not ended, and how many of them are reported Running.</summary>
    public (int Live, int Running) Live()
    {
        lock (_gate)
        {
            return (_attempts.Values.Count(a => a.Node is not null), _attempts.Values.Count(a => a.IsRunning));
        }
    }

    /// <summary>Everything that happened to this framework's containers (launched, running, ended), in the order seen.</summary>
    public IReadOnlyList<TaskEvent> Events()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>Disconnects (the framework's failover timeout starts) and stops its Orleans client, waiting a bounded time.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisposeAsync().AsTask().WaitAsync(StopBound);
        }
        catch (TimeoutException)
        {
            // An overloaded or dying cluster: its processes are killed next.
        }
    }

    private Attempt NewTask() => new(Interlocked.Increment(ref _nextTask), 1, Id);

    private async Task ReadLeasesAsync(CancellationToken stop)
    {
        await foreach (var lease in _client.ReadLeasesAsync(stop))
        {
            Interlocked.Increment(ref _meter.LeasesRead);
            Interlocked.Add(ref _meter.TasksLeased, lease.Tasks);
            Attempt[] taken;
            lock (_gate)
            {
                _lastLease = Stopwatch.GetTimestamp();
                _stated = Math.Max(0, _stated - lease.Tasks);
                taken = new Attempt[Math.Min(lease.Tasks, _waiting.Count)];
                for (var i = 0; i < taken.Length; i++)
                {
                    taken[i] = _waiting.First!.Value;
                    _waiting.RemoveFirst();
                    _attempts[taken[i].Container] = taken[i];
                }
            }

            if (taken.Length == 0)
            {
                await DeclineAsync(lease, stop);
            }
            else
            {
                await RedeemAsync(lease, taken, stop);
            }
        }
    }

    private async Task DeclineAsync(Lease lease, CancellationToken stop)
    {
        Interlocked.Increment(ref _meter.Declined);
        try
        {
            await _client.DeclineAsync(lease.Id, TimeSpan.Zero, stop);
        }
        catch (OrleansMesosException)
        {
            // Expired or rescinded meanwhile: it went back all the same.
        }

        // A decline hands the lease's tasks back to the cluster's count: state what really waits.
        RequestDemand(force: true);
    }

    private async Task RedeemAsync(Lease lease, Attempt[] taken, CancellationToken stop)
    {
        var specs = taken.Select(a => new ContainerSpec(a.Container, _shape.Task, Command: _shape.Command[0], Args: _shape.Command[1..])).ToArray();
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await _client.RedeemAsync(lease, specs, requestId: lease.Id.Value, stop);
            _meter.Redeem.Since(start);
            Interlocked.Increment(ref _meter.Redeemed);
            Interlocked.Add(ref _meter.ContainersLaunched, result.Launched.Length);
            var launched = result.Launched.ToHashSet();
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var attempt in taken)
                {
                    if (!launched.Contains(attempt.Container))
                    {
                        Requeue(attempt);
                    }
                    else if (_attempts.ContainsKey(attempt.Container))
                    {
                        attempt.Node ??= result.Node;
                        _events.Add(new TaskEvent(now, attempt.Task, attempt.Number, attempt.Container, result.Node, ContainerState.Staging));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            if (ex is OrleansMesosException)
            {
                Interlocked.Increment(ref _meter.RedeemRefused);
            }
            else
            {
                Interlocked.Increment(ref _meter.RedeemFailed);
                _meter.Error(ex);
            }

            lock (_gate)
            {
                foreach (var attempt in taken)
                {
                    Requeue(attempt);
                }
            }

            RequestDemand(force: true);
        }
    }

    /// <summary>Puts an attempt that did not launch back first in the queue, under the same attempt number.</summary>
    private void Requeue(Attempt attempt)
    {
        if (_attempts.Remove(attempt.Container))
        {
            _waiting.AddFirst(attempt);
        }
    }

    /// <summary>Keeps an eye on the demand: states it again when no lease came for a while although tasks wait.</summary>
    private async Task KeepDemandAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(StallRefresh / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                bool stalled;
                lock (_gate)
                {
                    stalled = _waiting.Count > 0 && Stopwatch.GetElapsedTime(_lastLease) > StallRefresh;
                }

                if (stalled)
                {
                    RequestDemand(force: true);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>States the demand now (force) or once half the window waits uncovered; one call at a time, repeated if asked meanwhile.</summary>
    private void RequestDemand(bool force = false)
    {
        lock (_gate)
        {
            if (!force && _waiting.Count - _stated < Math.Max(1, _shape.Window / 2))
            {
                return;
            }
        }

        Volatile.Write(ref _demandAgain, 1);
        if (Interlocked.CompareExchange(ref _demandBusy, 1, 0) == 0)
        {
            _ = StateDemandLoopAsync();
        }
    }

    private async Task StateDemandLoopAsync()
    {
        try
        {
            while (Interlocked.Exchange(ref _demandAgain, 0) == 1)
            {
                await StateDemandAsync();
            }
        }
        finally
        {
            Volatile.Write(ref _demandBusy, 0);
        }

        // Asked again between the last look and the release.
        if (Volatile.Read(ref _demandAgain) == 1 && Interlocked.CompareExchange(ref _demandBusy, 1, 0) == 0)
        {
            _ = StateDemandLoopAsync();
        }
    }

    private async Task StateDemandAsync()
    {
        int want;
        lock (_gate)
        {
            want = _waiting.Count;
            _stated = want;
            _lastLease = Stopwatch.GetTimestamp();
        }

        try
        {
            await _client.SetDemandAsync([new TaskDemand(_shape.Task, want)]);
            Interlocked.Increment(ref _meter.DemandUpdates);
        }
        catch (Exception ex)
        {
            _meter.Error(ex);
        }
    }

    private async Task Guard(Task loop)
    {
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _meter.Error(ex);
        }
    }
}
