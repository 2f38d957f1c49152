using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansMesos.Grains.Telemetry;

/// <summary>
/// The OrleansMesos instruments of one silo (meter <see cref="MeterName"/>): allocation passes, leases,
/// containers by state, dominant shares and node resources. Each figure is exact for what this silo hosts
/// (its partitions and node grains); a cluster's figures are the sum over silos, except the shares, which
/// one partition publishes for the whole cluster. Every call a grain makes on a hot path (a pass, a lease,
/// a launch, a transition) is O(1) and takes no lock.
/// </summary>
public sealed partial class ClusterMetrics
{
    /// <summary>The meter's name: what an exporter listens to.</summary>
    public const string MeterName = "OrleansMesos";

    // Passes take well under a millisecond to a few hundred: the default buckets (0-10 s) would put all in one.
    private static readonly double[] PassBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    // Names looked up, not formatted: a transition allocates nothing.
    private static readonly string[] StateNames = Enum.GetNames<ContainerState>();

    private readonly Histogram<double> _passDuration;
    private readonly Counter<long> _granted;
    private readonly Counter<long> _redeemed;
    private readonly Counter<long> _declined;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _rescinded;
    private readonly UpDownCounter<long> _containers;
    private readonly Counter<long> _containersEnded;

    /// <summary>Creates the meter through the host's factory, which disposes it with the host.</summary>
    public ClusterMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(MeterName));
        _passDuration = Meter.CreateHistogram(
            MetricNames.AllocationDuration, "s", "One allocator partition pass: ledger exchange, engine, write of the leases.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PassBuckets });
        _granted = Meter.CreateCounter<long>(MetricNames.LeasesGranted, "{lease}", "Leases handed out by allocation passes.");
        _redeemed = Meter.CreateCounter<long>(MetricNames.LeasesRedeemed, "{lease}", "Leases redeemed.");
        _declined = Meter.CreateCounter<long>(MetricNames.LeasesDeclined, "{lease}", "Leases declined by their framework.");
        _expired = Meter.CreateCounter<long>(MetricNames.LeasesExpired, "{lease}", "Leases not redeemed in time.");
        _rescinded = Meter.CreateCounter<long>(MetricNames.LeasesRescinded, "{lease}", "Leases taken back: node stopped taking work, framework removed.");
        _containers = Meter.CreateUpDownCounter<long>(MetricNames.Containers, "{container}", "Live containers of the node grains this silo hosts, by state.");
        _containersEnded = Meter.CreateCounter<long>(MetricNames.ContainersEnded, "{container}", "Containers that reached a terminal state, by state.");
        CreateGauges();
    }

    /// <summary>The meter; tests listen to this instance rather than to every meter of the name.</summary>
    internal Meter Meter { get; }

    /// <summary>A timestamp to hand back to <see cref="PassEnded"/>.</summary>
    public long PassStarted() => Stopwatch.GetTimestamp();

    /// <summary>Records a pass of <paramref name="partition"/> that began at <paramref name="started"/>.</summary>
    public void PassEnded(int partition, long started) =>
        _passDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("partition", partition));

    /// <summary>One lease handed out.</summary>
    public void LeaseGranted(int partition, string role) => _granted.Add(1, Partition(partition), Role(role));

    /// <summary>
    /// One lease left a partition's books, <paramref name="how"/> being the reason the partition records
    /// (<c>redeemed</c>, <c>declined</c>, <c>expired</c>, <c>rescinded: …</c>). Other reasons are not counted.
    /// </summary>
    public void LeaseEnded(int partition, string role, string how)
    {
        if (CounterFor(how) is { } counter)
        {
            counter.Add(1, Partition(partition), Role(role));
        }
    }

    /// <summary>The counter a lease ending is counted by; null for a reason no counter stands for.</summary>
    internal Counter<long>? CounterFor(string how) => how switch
    {
        "redeemed" => _redeemed,
        "declined" => _declined,
        "expired" => _expired,
        _ when how.StartsWith("rescinded", StringComparison.Ordinal) => _rescinded,
        _ => null,
    };

    /// <summary>Moves one container between states: -1 on the state it leaves, +1 on the live state it enters, +1 ended on a terminal one.</summary>
    internal void ContainerMoved(ContainerState? from, ContainerState? to)
    {
        if (from is { } old && !old.IsTerminal())
        {
            _containers.Add(-1, State(old));
        }

        if (to is { } next)
        {
            if (next.IsTerminal())
            {
                _containersEnded.Add(1, State(next));
            }
            else
            {
                _containers.Add(1, State(next));
            }
        }
    }

    /// <summary>A node grain activation ends: its <paramref name="count"/> containers in <paramref name="state"/> leave this silo's count.</summary>
    internal void ContainersGone(ContainerState state, int count)
    {
        if (count > 0)
        {
            _containers.Add(-count, State(state));
        }
    }

    private static KeyValuePair<string, object?> Partition(int partition) => new("partition", partition);

    private static KeyValuePair<string, object?> Role(string role) => new("role", role);

    private static KeyValuePair<string, object?> State(ContainerState state) => new("state", StateNames[(int)state]);
}
