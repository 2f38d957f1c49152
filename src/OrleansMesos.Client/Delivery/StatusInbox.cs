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
/// then it is forgotten. An update pushed again after it was acknowledged (the framework grain lost the
/// acknowledgement: its store restarted before it was written) is acknowledged again through
/// <see cref="Reacknowledge"/>, not handed to the reader a second time.
/// </remarks>
internal sealed class StatusInbox
{
    /// <summary>How many finished, acknowledged containers are still remembered.</summary>
    public const int FinishedMemory = 1024;

    private readonly Channel<ContainerStatus> _queue = Channel.CreateUnbounded<ContainerStatus>();
    private readonly Dictionary<ContainerId, long> _applied = [];
    private readonly Dictionary<ContainerId, long> _acknowledged = [];
    private readonly Queue<ContainerId> _finished = new();
    private readonly HashSet<ContainerId> _finishedSet = [];
    private readonly Lock _lock = new();
    private long _received;

    /// <summary>Sends an acknowledgement again, for an update pushed again after it was acknowledged; fire and forget.</summary>
    public Action<ContainerId, long>? Reacknowledge { get; set; }

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
        List<(ContainerId Container, long Sequence)>? again = null;
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
                else if (_acknowledged.TryGetValue(update.Container, out var acknowledged) && update.Sequence <= acknowledged)
                {
                    (again ??= []).Add((update.Container, acknowledged));
                }
            }
        }

        foreach (var (container, sequence) in again?.Distinct() ?? [])
        {
            Reacknowledge?.Invoke(container, sequence);
        }
    }

    /// <summary>Notes an acknowledgement: a container whose terminal update is acknowledged can be forgotten later.</summary>
    public void Acknowledged(ContainerStatus update)
    {
        lock (_lock)
        {
            if (update.Sequence > _acknowledged.GetValueOrDefault(update.Container) && _applied.ContainsKey(update.Container))
            {
                _acknowledged[update.Container] = update.Sequence;
            }

            if (!update.State.IsTerminal() || !_finishedSet.Add(update.Container))
            {
                return;
            }

            _finished.Enqueue(update.Container);
            while (_finished.Count > FinishedMemory)
            {
                var gone = _finished.Dequeue();
                _finishedSet.Remove(gone);
                _applied.Remove(gone);
                _acknowledged.Remove(gone);
            }
        }
    }

    /// <summary>Ends reading: readers see what is queued, then the end.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Queued updates in arrival order (in order per container). Several readers share them.</summary>
    public IAsyncEnumerable<ContainerStatus> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _queue.Reader.ReadAllAsync(cancellationToken);
}
