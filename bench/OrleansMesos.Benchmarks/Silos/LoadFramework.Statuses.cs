using System.Diagnostics;
using OrleansMesos.Client;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Silos;

// Status updates: bookkeeping of the attempts, acknowledgements, and what runs next.
internal sealed partial class LoadFramework
{
    private async Task ReadStatusesAsync(CancellationToken stop)
    {
        await foreach (var update in _client.ReadStatusUpdatesAsync(stop))
        {
            var status = update.Status;
            var ended = false;
            lock (_gate)
            {
                if (_attempts.TryGetValue(status.Container, out var attempt))
                {
                    attempt.Node ??= status.Node;
                    ended = Apply(attempt, status);
                }
            }

            _ = AcknowledgeAsync(update);
            if (ended)
            {
                // A task to run again is asked for at once; finished ones are replaced once half the window waits.
                RequestDemand(force: status.State != ContainerState.Finished);
            }
        }
    }

    /// <summary>Applies a status to its attempt (under the lock); true when the attempt ended.</summary>
    private bool Apply(Attempt attempt, ContainerStatus status)
    {
        var now = Stopwatch.GetTimestamp();
        if (status.State == ContainerState.Running && !attempt.IsRunning)
        {
            attempt.IsRunning = true;
            Interlocked.Increment(ref _meter.Running);
            _events.Add(new TaskEvent(now, attempt.Task, attempt.Number, attempt.Container, status.Node, ContainerState.Running));
        }

        if (!status.State.IsTerminal())
        {
            return false;
        }

        _attempts.Remove(attempt.Container);
        _events.Add(new TaskEvent(now, attempt.Task, attempt.Number, attempt.Container, status.Node, status.State));
        switch (status.State)
        {
            case ContainerState.Finished:
                Interlocked.Increment(ref _meter.Finished);
                _waiting.AddLast(NewTask());
                break;
            case ContainerState.Lost:
                Interlocked.Increment(ref _meter.Lost);
                _waiting.AddFirst(attempt.Next());
                break;
            default:
                Interlocked.Increment(ref _meter.FailedOrKilled);
                _waiting.AddFirst(attempt.Next());
                break;
        }

        return true;
    }

    private async Task AcknowledgeAsync(StatusUpdate update)
    {
        try
        {
            await update.AcknowledgeAsync();
        }
        catch (Exception ex)
        {
            _meter.Error(ex);
        }
    }
}

/// <summary>One attempt at a task: a container <c>{framework}-t{task}-a{attempt}</c>, its node once launched.</summary>
internal sealed class Attempt(long task, int number, FrameworkId framework)
{
    public long Task { get; } = task;

    public int Number { get; } = number;

    public FrameworkId Framework { get; } = framework;

    public ContainerId Container { get; } = new($"{framework.Value}-t{task}-a{number}");

    /// <summary>Where it was launched; null until redeemed.</summary>
    public NodeId? Node { get; set; }

    public bool IsRunning { get; set; }

    /// <summary>The same task's next attempt, after this one was lost, failed or killed.</summary>
    public Attempt Next() => new(Task, Number + 1, Framework);
}

/// <summary>Something that happened to an attempt: launched (<see cref="ContainerState.Staging"/>, when the redemption returned), running, or ended.</summary>
internal readonly record struct TaskEvent(long Timestamp, long Task, int Attempt, ContainerId Container, NodeId Node, ContainerState State);
