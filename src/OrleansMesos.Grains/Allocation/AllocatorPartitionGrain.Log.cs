namespace OrleansMesos.Grains.Allocation;

public sealed partial class AllocatorPartitionGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Allocator partition {Partition} active with {Nodes} nodes and {Leases} outstanding leases")]
    private partial void LogActivated(int partition, int nodes, int leases);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {Partition} ignored a release of {Resources} by {Framework} on {Node}: not held in its view")]
    private partial void LogReleaseIgnored(int partition, FrameworkId framework, NodeId node, Resources resources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition} returns lease {Lease} of {Resources} with only {Held} held in its view (a late release after a rebuild); returns what is held")]
    private partial void LogLeaseShareShort(int partition, LeaseId lease, Resources resources, Resources held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition} could not reach the fair-share ledger; keeps its last global view")]
    private partial void LogLedgerUnavailable(Exception exception, int partition);
}
