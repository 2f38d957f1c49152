using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OrleansMesos.Client.Delivery;

/// <summary>
/// Leases as the framework grain pushes them, for the framework to read: each lease once, however often it is
/// pushed (the grain sends its leases again whenever the client registers), and never one whose rescind arrived
/// before it was read. Pushes may overtake each other, so a rescind can come before its offer; it is remembered.
/// </summary>
/// <remarks>
/// What it remembers is bounded without a clock of its own: lease expiries come from the cluster's clock, so a
/// lease whose expiry lies <see cref="Memory"/> before the latest expiry seen is long gone; it is forgotten, and
/// refused if it is ever pushed again.
/// </remarks>
internal sealed class LeaseInbox
{
    /// <summary>How far behind the latest lease expiry seen a lease is still remembered.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    private readonly Channel<Lease> _queue = Channel.CreateUnbounded<Lease>();
    private readonly Dictionary<LeaseId, Mark> _marks = [];
    private readonly PriorityQueue<LeaseId, DateTimeOffset> _byExpiry = new();
    private readonly Lock _lock = new();
    private DateTimeOffset? _latest;
    private long _offered;
    private long _rescinded;

    private enum Mark
    {
        Queued,
        Read,
        Rescinded,
    }

    /// <summary>Leases pushed, repeats included.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Lease rescinds pushed, repeats included.</summary>
    public long Rescinded => Interlocked.Read(ref _rescinded);

    /// <summary>Leases queued and not read yet, rescinded ones included.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>How many leases are remembered (for tests of the bound).</summary>
    public int Remembered
    {
        get
        {
            lock (_lock)
            {
                return _marks.Count;
            }
        }
    }

    /// <summary>Takes pushed leases; new ones are queued for reading.</summary>
    public void Offer(IEnumerable<Lease> leases)
    {
        lock (_lock)
        {
            foreach (var lease in leases)
            {
                Interlocked.Increment(ref _offered);
                if (_marks.ContainsKey(lease.Id) || lease.ExpiresAt < Horizon())
                {
                    continue;
                }

                _marks[lease.Id] = Mark.Queued;
                _byExpiry.Enqueue(lease.Id, lease.ExpiresAt);
                if (_latest is null || lease.ExpiresAt > _latest)
                {
                    _latest = lease.ExpiresAt;
                }

                _queue.Writer.TryWrite(lease);
            }

            Forget();
        }
    }

    /// <summary>Takes pushed rescinds: a lease not read yet will not be.</summary>
    public void Rescind(IEnumerable<LeaseId> leases)
    {
        lock (_lock)
        {
            foreach (var id in leases)
            {
                Interlocked.Increment(ref _rescinded);
                if (!_marks.TryGetValue(id, out var mark))
                {
                    // Overtook its offer: remember it as long as the newest lease seen.
                    _byExpiry.Enqueue(id, _latest ?? DateTimeOffset.MaxValue);
                }

                if (mark != Mark.Read)
                {
                    _marks[id] = Mark.Rescinded;
                }
            }
        }
    }

    /// <summary>Ends reading: readers see what is queued, then the end.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Queued leases, each once, skipping those rescinded meanwhile. Several readers share them.</summary>
    public async IAsyncEnumerable<Lease> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var lease))
            {
                if (Take(lease.Id))
                {
                    yield return lease;
                }
            }
        }
    }

    private bool Take(LeaseId id)
    {
        lock (_lock)
        {
            if (_marks.TryGetValue(id, out var mark) && mark == Mark.Queued)
            {
                _marks[id] = Mark.Read;
                return true;
            }

            return false;
        }
    }

    private DateTimeOffset Horizon() =>
        _latest is { } latest && latest - DateTimeOffset.MinValue > Memory ? latest - Memory : DateTimeOffset.MinValue;

    private void Forget()
    {
        var horizon = Horizon();
        while (_byExpiry.TryPeek(out var id, out var expiry) && expiry < horizon)
        {
            _byExpiry.Dequeue();
            _marks.Remove(id);
        }
    }
}
