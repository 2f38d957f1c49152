using System.Collections.Concurrent;

namespace OrleansMesos.ClusterMode.Tests;

/// <summary>Reads the nodes' books over and over while the workload runs, noting any that commit more than the node has.</summary>
internal sealed class NodeBooks(IClusterClient grains, string[] nodes)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentQueue<string> _violations = new();
    private int _samples;

    public IReadOnlyCollection<string> Violations => _violations;

    public int Samples => _samples;

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var node in nodes)
            {
                try
                {
                    var books = await grains.GetGrain<INodeGrain>(node).GetSnapshot().WaitAsync(cancellationToken);
                    var live = books.Containers.Where(c => !c.State.IsTerminal()).Aggregate(Resources.Zero, (sum, c) => sum + c.Spec.Resources);
                    if (books.Registered && (!books.Committed.FitsIn(books.Capacity) || !live.FitsIn(books.Capacity)))
                    {
                        _violations.Enqueue($"{node}: {books.Committed} committed, {live} live, on {books.Capacity}");
                    }

                    Interlocked.Increment(ref _samples);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception)
                {
                    // A silo failing over or Redis restarting: the next round asks again.
                }
            }

            try
            {
                await Task.Delay(Interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
