using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrleansMesos.Cli.Tests.Cluster;

/// <summary>A framework client's observer that records what its framework grain pushed.</summary>
public sealed class RecordingFramework : IFrameworkObserver
{
    private readonly Channel<Lease> _leases = Channel.CreateUnbounded<Lease>();

    public ConcurrentQueue<LeaseId> Rescinded { get; } = new();

    public Task LeasesOffered(Lease[] leases)
    {
        foreach (var lease in leases)
        {
            _leases.Writer.TryWrite(lease);
        }

        return Task.CompletedTask;
    }

    public Task LeasesRescinded(LeaseId[] leases)
    {
        foreach (var lease in leases)
        {
            Rescinded.Enqueue(lease);
        }

        return Task.CompletedTask;
    }

    public Task StatusUpdates(ContainerStatus[] updates) => Task.CompletedTask;

    /// <summary>The next lease offered, waiting at most 30 s.</summary>
    public async Task<Lease> NextLease()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _leases.Reader.ReadAsync(timeout.Token);
    }
}
