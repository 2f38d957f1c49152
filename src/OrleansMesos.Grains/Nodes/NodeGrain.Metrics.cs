using OrleansMesos.Grains.Telemetry;

namespace OrleansMesos.Grains.Nodes;

// The node's figures in the silo's metrics (ClusterMetrics): started on activation, moved at each launch and
// transition at their call sites, taken back on deactivation.
public sealed partial class NodeGrain
{
    private NodeMetrics _nodeMetrics = null!;

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Null when the activation failed before it started its figures.
        _nodeMetrics?.Dispose();
        return Task.CompletedTask;
    }

    private void StartMetrics() => _nodeMetrics = metrics.ForNode(Id, Books.Registration?.Capacity, Books.Containers);
}
