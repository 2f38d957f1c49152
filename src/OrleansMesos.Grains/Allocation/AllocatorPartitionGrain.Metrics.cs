using OrleansMesos.Grains.Telemetry;

namespace OrleansMesos.Grains.Allocation;

// What a partition tells the silo's metrics (ClusterMetrics): its passes and leases at their call sites,
// the dominant shares from here.
public sealed partial class AllocatorPartitionGrain
{
    /// <summary>
    /// The partition that publishes the cluster's dominant shares. Every partition knows every framework (demand
    /// goes to all of them) and, after its ledger exchange, computes the same cluster-wide shares; publishing
    /// from one avoids P copies of each series, across silos too.
    /// </summary>
    private const int SharesPublisher = 0;

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.WithdrawShares(this);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Publishes the shares as of the last ledger exchange. Called on the ledger timer, not in passes: it costs
    /// O(F + R), like the exchange itself, and a pass may only add O(1) for metrics.
    /// </summary>
    private void PublishShares()
    {
        if (Partition == SharesPublisher)
        {
            metrics.PublishShares(this, _engine.Frameworks, _engine.Roles);
        }
    }

    /// <summary>The role a framework's lease is counted under; empty once the framework is gone from the books.</summary>
    private string RoleOf(FrameworkId framework) =>
        Books.Frameworks.TryGetValue(framework, out var known) ? known.Role.Value : string.Empty;
}
