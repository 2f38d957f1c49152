namespace OrleansMesos.Grains.Options;

/// <summary>Settings of the OrleansMesos grains; the same on every silo of a cluster.</summary>
public sealed class OrleansMesosOptions
{
    /// <summary>The default number of allocator partitions.</summary>
    public const int DefaultPartitions = 4;

    /// <summary>The name of the grain storage every OrleansMesos grain writes to.</summary>
    public const string StorageName = "OrleansMesos";

    /// <summary>How many allocator partitions share the nodes (jump consistent hash of the node id).</summary>
    public int Partitions { get; set; } = DefaultPartitions;

    /// <summary>How long a lease lives unless redeemed or declined.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after a change an allocation pass waits to gather more changes into one pass.</summary>
    public TimeSpan AllocationBatchDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How often partitions exchange usage with the fair-share ledger: the bound on how stale global shares are.</summary>
    public TimeSpan LedgerInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often agents heartbeat, and node grains check them.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed heartbeats after which a node is unreachable and its leases are rescinded.</summary>
    public int MissedHeartbeatsLimit { get; set; } = 5;

    /// <summary>How long an unreachable node's containers wait before they are reported Lost.</summary>
    public TimeSpan LostGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a durable reminder wakes each registered node grain to check its agent. A node grain's own timer
    /// does this while the grain is active; the reminder brings it back after the silo that held it crashed, so a
    /// dead host's containers are still reported Lost. Orleans' minimum reminder period is lowered to it when shorter.
    /// </summary>
    public TimeSpan NodeWatchPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often unacknowledged status updates are sent again, and failover deadlines checked.</summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a connected client may stay silent (no call, no refresh) before it is taken as gone and its
    /// failover timeout starts; the client SDK refreshes well within it.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a killed container has to stop before it is killed hard.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redemption results a framework grain remembers for retries.</summary>
    public int RememberedRedemptions { get; set; } = 64;
}
