using OrleansMesos.Benchmarks.Cluster;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>What the frameworks of one phase counted, summed over them; the fields are updated with <see cref="Interlocked"/>.</summary>
internal sealed class LoadMeter
{
    public long LeasesRead;
    public long TasksLeased;
    public long Declined;
    public long Redeemed;
    public long ContainersLaunched;
    public long RedeemRefused;
    public long RedeemFailed;
    public long Running;
    public long Finished;
    public long Lost;
    public long FailedOrKilled;
    public long DemandUpdates;
    public long ClientErrors;
    private string? _firstError;

    /// <summary>Redeem call latency, recorded while <see cref="LatencyRecorder.Recording"/> (the measured window).</summary>
    public LatencyRecorder Redeem { get; } = new();

    public string? FirstError => Volatile.Read(ref _firstError);

    public void Error(Exception error)
    {
        Interlocked.Increment(ref ClientErrors);
        Interlocked.CompareExchange(ref _firstError, $"{error.GetType().Name}: {error.Message}", null);
    }

    public LoadCounts Snapshot() => new(
        Interlocked.Read(ref LeasesRead), Interlocked.Read(ref TasksLeased), Interlocked.Read(ref Declined), Interlocked.Read(ref Redeemed),
        Interlocked.Read(ref ContainersLaunched), Interlocked.Read(ref RedeemRefused), Interlocked.Read(ref RedeemFailed), Interlocked.Read(ref Running),
        Interlocked.Read(ref Finished), Interlocked.Read(ref Lost), Interlocked.Read(ref FailedOrKilled), Interlocked.Read(ref DemandUpdates),
        Interlocked.Read(ref ClientErrors));
}

/// <summary>The counters of <see cref="LoadMeter"/> at one moment; subtract two for a window.</summary>
internal readonly record struct LoadCounts(
    long LeasesRead, long TasksLeased, long Declined, long Redeemed, long ContainersLaunched, long RedeemRefused, long RedeemFailed,
    long Running, long Finished, long Lost, long FailedOrKilled, long DemandUpdates, long ClientErrors)
{
    public static LoadCounts operator -(LoadCounts a, LoadCounts b) => new(
        a.LeasesRead - b.LeasesRead, a.TasksLeased - b.TasksLeased, a.Declined - b.Declined, a.Redeemed - b.Redeemed,
        a.ContainersLaunched - b.ContainersLaunched, a.RedeemRefused - b.RedeemRefused, a.RedeemFailed - b.RedeemFailed, a.Running - b.Running,
        a.Finished - b.Finished, a.Lost - b.Lost, a.FailedOrKilled - b.FailedOrKilled, a.DemandUpdates - b.DemandUpdates, a.ClientErrors - b.ClientErrors);
}
