using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansMesos.Allocation;

namespace OrleansMesos.Grains.Telemetry;

// Observable gauges: figures grains publish, read when an exporter collects.
public sealed partial class ClusterMetrics
{
    private static readonly KeyValuePair<string, object?> Committed = new("state", "committed");
    private static readonly KeyValuePair<string, object?> Free = new("state", "free");

    private readonly ConcurrentDictionary<NodeId, NodeMetrics> _nodes = new();
    private volatile SharesSnapshot? _shares;

    /// <summary>
    /// Starts the figures of a node grain activation: its live containers counted by state, its committed and
    /// free resources published once it is registered (<paramref name="capacity"/> not null).
    /// Dispose the result when the activation ends.
    /// </summary>
    public NodeMetrics ForNode(NodeId node, Resources? capacity, IEnumerable<ContainerRecord> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var metrics = new NodeMetrics(this, node, capacity, containers);
        _nodes[node] = metrics;
        return metrics;
    }

    /// <summary>Forgets a node's figures, unless a newer activation of it has replaced them.</summary>
    internal void Remove(NodeMetrics metrics) => _nodes.TryRemove(new KeyValuePair<NodeId, NodeMetrics>(metrics.Node, metrics));

    /// <summary>
    /// Replaces the dominant shares with those of <paramref name="frameworks"/> and <paramref name="roles"/>, as
    /// <paramref name="publisher"/> (a partition) computed them after its ledger exchange. One publisher is
    /// meant to do this for the whole cluster; the figures are built here once, not at each collection.
    /// </summary>
    public void PublishShares(object publisher, IReadOnlyList<FrameworkView> frameworks, IReadOnlyList<RoleView> roles)
    {
        ArgumentNullException.ThrowIfNull(frameworks);
        ArgumentNullException.ThrowIfNull(roles);
        var byFramework = new Measurement<double>[frameworks.Count];
        for (var i = 0; i < frameworks.Count; i++)
        {
            var f = frameworks[i];
            byFramework[i] = new(f.DominantShare, new KeyValuePair<string, object?>("framework", f.Id.Value), Role(f.Role.Value));
        }

        var byRole = new Measurement<double>[roles.Count];
        for (var i = 0; i < roles.Count; i++)
        {
            byRole[i] = new(roles[i].DominantShare, Role(roles[i].Settings.Name.Value));
        }

        _shares = new SharesSnapshot(publisher, byFramework, byRole);
    }

    /// <summary>Withdraws the shares <paramref name="publisher"/> published (its activation ends), unless another has published since.</summary>
    public void WithdrawShares(object publisher)
    {
        var current = _shares;
        if (current is not null && ReferenceEquals(current.Publisher, publisher))
        {
            Interlocked.CompareExchange(ref _shares, null, current);
        }
    }

    private void CreateGauges()
    {
        Meter.CreateObservableGauge(MetricNames.FrameworkDominantShare, () => _shares?.Frameworks ?? [], "1", "A framework's dominant share of the whole cluster.");
        Meter.CreateObservableGauge(MetricNames.RoleDominantShare, () => _shares?.Roles ?? [], "1", "A role's dominant share of the whole cluster (not divided by its weight).");
        Meter.CreateObservableGauge(MetricNames.NodeCpus, () => Observe(r => r.MilliCpus / 1000.0), "{cpu}", "Cpus committed on and free on each node this silo hosts, in cores.");
        Meter.CreateObservableGauge(MetricNames.NodeMemory, () => Observe(r => r.MemoryBytes), "By", "Memory committed on and free on each node this silo hosts.");
        Meter.CreateObservableGauge(MetricNames.NodeDisk, () => Observe(r => r.DiskBytes), "By", "Disk committed on and free on each node this silo hosts.");
        Meter.CreateObservableGauge(MetricNames.NodeGpus, () => Observe(r => r.Gpus), "{gpu}", "GPUs committed on and free on each node this silo hosts.");
    }

    private List<Measurement<double>> Observe(Func<Resources, double> amount)
    {
        var measurements = new List<Measurement<double>>(_nodes.Count * 2);
        foreach (var node in _nodes.Values)
        {
            if (node.Figures is { } figures)
            {
                var tag = new KeyValuePair<string, object?>("node", node.Node.Value);
                measurements.Add(new(amount(figures.Committed), tag, Committed));
                measurements.Add(new(amount(Resources.SaturatingSubtract(figures.Capacity, figures.Committed)), tag, Free));
            }
        }

        return measurements;
    }

    private sealed record SharesSnapshot(object Publisher, Measurement<double>[] Frameworks, Measurement<double>[] Roles);
}
