namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>What the fake agents and frameworks count and time. Counters run always; a window is the difference of two snapshots.</summary>
internal sealed class ClusterMeter
{
    public long LeasesOffered;
    public long TasksOffered;
    public long Rescinded;
    public long Redeemed;
    public long ContainersLaunched;
    public long RedeemUnavailable;
    public long RedeemFailed;
    public long ContainersFinished;
    public long Acknowledged;
    public long AgentReports;
    public long AgentErrors;
    public long ClientErrors;
    public long DemandUpdates;
    public long ObserverCalls;
    private string? _firstError;

    /// <summary>Time of the <c>Redeem</c> call as the framework client sees it.</summary>
    public LatencyRecorder Redeem { get; } = new();

    /// <summary>From the grant (the partition's pass, as the lease's expiry minus its lifetime) to the framework client receiving the lease.</summary>
    public LatencyRecorder LeaseDelivery { get; } = new();

    /// <summary>From the framework client receiving a lease to starting its redemption (queueing in the client).</summary>
    public LatencyRecorder LeaseWait { get; } = new();

    public string? FirstError => _firstError;

    public bool Recording
    {
        set
        {
            Redeem.Recording = value;
            LeaseDelivery.Recording = value;
            LeaseWait.Recording = value;
        }
    }

    public void Error(Exception ex) => Interlocked.CompareExchange(ref _firstError, $"{ex.GetType().Name}: {ex.Message}", null);

    public Counts Snapshot() => new(
        Interlocked.Read(ref LeasesOffered),
        Interlocked.Read(ref TasksOffered),
        Interlocked.Read(ref Rescinded),
        Interlocked.Read(ref Redeemed),
        Interlocked.Read(ref ContainersLaunched),
        Interlocked.Read(ref RedeemUnavailable),
        Interlocked.Read(ref RedeemFailed),
        Interlocked.Read(ref ContainersFinished),
        Interlocked.Read(ref Acknowledged),
        Interlocked.Read(ref AgentReports),
        Interlocked.Read(ref AgentErrors) + Interlocked.Read(ref ClientErrors),
        Interlocked.Read(ref DemandUpdates),
        Interlocked.Read(ref ObserverCalls));
}

/// <summary>A snapshot of <see cref="ClusterMeter"/>'s counters.</summary>
internal readonly record struct Counts(
    long LeasesOffered,
    long TasksOffered,
    long Rescinded,
    long Redeemed,
    long ContainersLaunched,
    long RedeemUnavailable,
    long RedeemFailed,
    long ContainersFinished,
    long Acknowledged,
    long AgentReports,
    long OtherErrors,
    long DemandUpdates,
    long ObserverCalls)
{
    public static Counts operator -(Counts a, Counts b) => new(
        a.LeasesOffered - b.LeasesOffered,
        a.TasksOffered - b.TasksOffered,
        a.Rescinded - b.Rescinded,
        a.Redeemed - b.Redeemed,
        a.ContainersLaunched - b.ContainersLaunched,
        a.RedeemUnavailable - b.RedeemUnavailable,
        a.RedeemFailed - b.RedeemFailed,
        a.ContainersFinished - b.ContainersFinished,
        a.Acknowledged - b.Acknowledged,
        a.AgentReports - b.AgentReports,
        a.OtherErrors - b.OtherErrors,
        a.DemandUpdates - b.DemandUpdates,
        a.ObserverCalls - b.ObserverCalls);
}
