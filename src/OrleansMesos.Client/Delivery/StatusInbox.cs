using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OrleansMesos.Client.Delivery;

/// <summary>
/// Container status updates as the framework grain pushes them, for the framework to read in order per
/// container, each sequence once. Every push carries all unacknowledged updates of a container in order and
/// pushes repeat until acknowledged and may overtake each other, so an update is taken only when its sequence
/// is above the last taken for its container.
/// </summary>
/// <remarks>
/// A container is remembered while it lives; once its terminal update is acknowledged it stays among the last
/// <see cref="FinishedMemory"/> finished ones (a push sent before the acknowledgement may still be on its way),
/// then it is forgotten.
/// </remarks>
internal sealed class StatusInbox
{
    /// <summary>How many finished, acknowledged containers are still remembered.</summary>
    public const int FinishedMemory = 1024;

    private readonly Channel<ContainerStatus> _queue = Channel.CreateUnbounded<ContainerStatus>();
    private readonly Dictionary<ContainerId, long> _applied = [];
    private readonly Queue<ContainerId> _finished = new();
    private readonly HashSet<ContainerId> _finishedSet = [];
    private readonly Lock _lock = new();
    private long _received;

    /// <summary>Updates pushed, repeats included.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Updates queued and not read yet.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>How many containers are remembered (for tests of the bound).</summary>
    public int Remembered
    {
        get
        {
            lock (_lock)
            {
                return _applied.Count;
            }
        }
    }

    /// <summary>Takes pushed updates; each one above its container's last sequence is queued for reading.</summary>
    public void Apply(IEnumerable<ContainerStatus> updates)
    {
        lock (_lock)
        {
            foreach (var update in updates)
            {
                Interlocked.Increment(ref _received);
                if (update.Sequence > _applied.GetValueOrDefault(update.Container))
                {
                    _applied[update.Container] = update.Sequence;
                    _queue.Writer.TryWrite(update);
                }
            }
        }
    }

    /// <summary>Notes an acknowledgement: a container whose terminal update is acknowledged can be forgotten later.</summary>
    public void Acknowledged(ContainerStatus update)
    {
        if (!update.State.IsTerminal())
        {
            return;
        }

        lock (_lock)
        {
            if (!_finishedSet.Add(update.Container))
            {
                return;
            }

            _finished.Enqueue(update.Container);
            while (_finished.Count > FinishedMemory)
            {
                var gone = _finished.Dequeue();
                _finishedSet.Remove(gone);
                _applied.Remove(gone);
            }
        }
    }

    /// <summary>Ends reading: readers see what is queued, then the end.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Queued updates in arrival order (in order per container). Several readers share them.</summary>
    public IAsyncEnumerable<ContainerStatus> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _queue.Reader.ReadAllAsync(cancellationToken);
}
