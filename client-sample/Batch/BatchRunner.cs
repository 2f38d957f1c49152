using System.Threading.Channels;
using OrleansMesos.Client;
using OrleansMesos.Errors;
using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Batch;

/// <summary>
/// Runs a batch through the client SDK: states the demand, redeems each lease with as many waiting tasks as
/// it fits, follows and acknowledges status updates, and states the demand again when tasks return to waiting.
/// The bookkeeping is <see cref="TaskBook"/>'s; this class only does the calls, serialising its use of the book.
/// </summary>
/// <remarks>
/// The demand is stated again when the tasks that wait differ from the framework grain's remaining demand (a
/// retry), after a surplus lease was declined or a redemption refused, and every <see cref="DemandRefresh"/>
/// while tasks wait, which settles any drift (leases on their way when the demand was stated); see
/// <see cref="DemandTracker"/>. A lease that arrives when no task waits is declined.
/// </remarks>
internal sealed class BatchRunner(FrameworkClient client, TaskBook book, Workload workload, TimeProvider time, Journal? journal = null)
{
    /// <summary>How often the demand is stated again while tasks wait for leases.</summary>
    public static readonly TimeSpan DemandRefresh = TimeSpan.FromSeconds(5);

    /// <summary>How often the framework's snapshot is read for its holdings (the dominant share's figures).</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly Channel<bool> _demandWanted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Holdings _holdings = new(book.TaskResources);
    private readonly DemandTracker _demand = new();

    /// <summary>Something worth a line of its own happened: a retry, a final failure, a refused redemption.</summary>
    public event Action<string>? Note;

    public BatchCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return book.Counts;
            }
        }
    }

    /// <summary>The most the framework held at once, in the snapshots read while it ran.</summary>
    public Resources PeakHeld
    {
        get
        {
            lock (_gate)
            {
                return _holdings.Peak;
            }
        }
    }

    /// <summary>Runs until every task has an outcome; cancelling stops it with the tasks where they are.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StateDemandAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] loops = [Guard(ReadLeasesAsync(stop.Token)), Guard(ReadStatusesAsync(stop.Token)), Guard(KeepDemandAsync(stop.Token)), Guard(SampleHoldingsAsync(stop.Token))];
        try
        {
            await _done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private async Task ReadLeasesAsync(CancellationToken cancellationToken)
    {
        await foreach (var lease in client.ReadLeasesAsync(cancellationToken))
        {
            await UseAsync(lease, cancellationToken);
        }

        Fail("the cluster stopped sending leases before the batch ended");
    }

    /// <summary>Redeems a lease with the waiting tasks it fits, or declines it when none waits.</summary>
    private async Task UseAsync(Lease lease, CancellationToken cancellationToken)
    {
        IReadOnlyList<LaunchTicket> tickets;
        lock (_gate)
        {
            _demand.LeaseReceived(lease.Tasks);
            tickets = book.Take(book.Fits(lease));
        }

        journal?.LeaseReceived(lease);
        if (tickets.Count == 0)
        {
            journal?.Declined(lease);
            try
            {
                await client.DeclineAsync(lease.Id, TimeSpan.Zero, cancellationToken);
            }
            catch (OrleansMesosException)
            {
                // Expired or rescinded meanwhile: it went back all the same.
            }

            AskForDemand(restate: true);
            return;
        }

        var specs = tickets.Select(t => workload.Spec(t, book.TaskResources)).ToArray();
        try
        {
            // The lease id names the request: a lease is redeemed once, so a retry of ours gets the first result.
            var result = await client.RedeemAsync(lease, specs, requestId: lease.Id.Value, cancellationToken);
            journal?.Redeemed(lease, result.Launched);
            lock (_gate)
            {
                book.Launched(result.Launched);
                book.LaunchRefused(tickets.Select(t => t.Container).Except(result.Launched));
            }
        }
        catch (OrleansMesosException ex)
        {
            journal?.Refused(lease, tickets.Select(t => t.Container), ex.Message);
            lock (_gate)
            {
                book.LaunchRefused(tickets.Select(t => t.Container));
            }

            Note?.Invoke($"lease on {lease.Node} not redeemed, its {tickets.Count} task(s) wait again: {ex.Message}");
            AskForDemand(restate: true);
        }
    }

    private async Task ReadStatusesAsync(CancellationToken cancellationToken)
    {
        await foreach (var update in client.ReadStatusUpdatesAsync(cancellationToken))
        {
            journal?.Status(update.Status);
            StatusOutcome outcome;
            string? note = null;
            bool done;
            lock (_gate)
            {
                var task = book.TaskOf(update.Container);
                outcome = book.Apply(update.Status);
                done = book.IsDone;
                if (task is not null && outcome is StatusOutcome.Retrying or StatusOutcome.Failed or StatusOutcome.Lost)
                {
                    var next = outcome == StatusOutcome.Retrying ? "retrying" : "no retry left";
                    note = $"task {task.Index} attempt {task.Attempts}: {task.LastOutcome}; {next}";
                }
            }

            await update.AcknowledgeAsync(cancellationToken);
            if (note is not null)
            {
                Note?.Invoke(note);
            }

            if (outcome == StatusOutcome.Retrying)
            {
                AskForDemand(restate: false);
            }

            if (done)
            {
                _done.TrySetResult();
            }
        }

        Fail("the cluster stopped sending status updates before the batch ended");
    }

    /// <summary>States the demand when asked, and every <see cref="DemandRefresh"/> while tasks wait.</summary>
    private async Task KeepDemandAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var refresh = new CancellationTokenSource(DemandRefresh, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, refresh.Token);
            try
            {
                await _demandWanted.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (book.Wanted > 0)
                    {
                        _demand.Unsure();
                    }
                }
            }

            await StateDemandAsync(cancellationToken);
        }
    }

    /// <summary>Reads the framework's snapshot every <see cref="SnapshotInterval"/> for its holdings.</summary>
    private async Task SampleHoldingsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SnapshotInterval, time);
        do
        {
            try
            {
                var snapshot = await client.GetSnapshotAsync(cancellationToken);
                lock (_gate)
                {
                    _holdings.Observe(snapshot);
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // A figure for the summary, not for the batch: the next tick tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private void AskForDemand(bool restate)
    {
        if (restate)
        {
            lock (_gate)
            {
                _demand.Unsure();
            }
        }

        _demandWanted.Writer.TryWrite(true);
    }

    /// <summary>States the tasks that wait as the demand, unless the framework grain's remaining demand is that already (see <see cref="DemandTracker"/>).</summary>
    private async Task StateDemandAsync(CancellationToken cancellationToken)
    {
        int wanted;
        lock (_gate)
        {
            wanted = book.Wanted;
            if (!_demand.ShouldState(wanted))
            {
                return;
            }
        }

        await client.SetDemandAsync(wanted > 0 ? [new TaskDemand(book.TaskResources, wanted)] : [], cancellationToken);
    }

    private void Fail(string why)
    {
        if (!_done.Task.IsCompleted)
        {
            _done.TrySetException(new InvalidOperationException(why));
        }
    }

    /// <summary>A loop's failure ends the run with it; its cancellation is the run ending.</summary>
    private async Task Guard(Task loop)
    {
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
    }
}
