namespace OrleansMesos.Grains.Telemetry;

/// <summary>The names of the instruments of the <see cref="ClusterMetrics.MeterName"/> meter, and of their tags.</summary>
public static class MetricNames
{
    /// <summary>Histogram, seconds: one allocator partition pass, from the ledger exchange to the offers (tag <c>partition</c>).</summary>
    public const string AllocationDuration = "orleansmesos.allocation.duration";

    /// <summary>Counter: leases handed out by passes (tags <c>partition</c>, <c>role</c>).</summary>
    public const string LeasesGranted = "orleansmesos.leases.granted";

    /// <summary>Counter: leases claimed by a redemption that completed (tags <c>partition</c>, <c>role</c>).</summary>
    public const string LeasesRedeemed = "orleansmesos.leases.redeemed";

    /// <summary>Counter: leases a framework declined (tags <c>partition</c>, <c>role</c>).</summary>
    public const string LeasesDeclined = "orleansmesos.leases.declined";

    /// <summary>Counter: leases not redeemed within their lifetime (tags <c>partition</c>, <c>role</c>).</summary>
    public const string LeasesExpired = "orleansmesos.leases.expired";

    /// <summary>Counter: leases taken back because their node stopped taking work or their framework was removed (tags <c>partition</c>, <c>role</c>).</summary>
    public const string LeasesRescinded = "orleansmesos.leases.rescinded";

    /// <summary>UpDownCounter: live containers (Staging, Starting, Running) of the node grains this silo hosts (tag <c>state</c>).</summary>
    public const string Containers = "orleansmesos.containers";

    /// <summary>Counter: containers that reached a terminal state (tag <c>state</c>: Finished, Failed, Killed, Lost).</summary>
    public const string ContainersEnded = "orleansmesos.containers.ended";

    /// <summary>Gauge, ratio: a framework's dominant share of the whole cluster (tags <c>framework</c>, <c>role</c>).</summary>
    public const string FrameworkDominantShare = "orleansmesos.framework.dominant_share";

    /// <summary>Gauge, ratio: a role's dominant share of the whole cluster, not divided by its weight (tag <c>role</c>).</summary>
    public const string RoleDominantShare = "orleansmesos.role.dominant_share";

    /// <summary>Gauge, cores: cpus committed on and free on a node (tags <c>node</c>, <c>state</c>: committed, free).</summary>
    public const string NodeCpus = "orleansmesos.node.cpus";

    /// <summary>Gauge, bytes: memory committed on and free on a node (tags <c>node</c>, <c>state</c>).</summary>
    public const string NodeMemory = "orleansmesos.node.memory";

    /// <summary>Gauge, bytes: disk committed on and free on a node (tags <c>node</c>, <c>state</c>).</summary>
    public const string NodeDisk = "orleansmesos.node.disk";

    /// <summary>Gauge, whole GPUs: GPUs committed on and free on a node (tags <c>node</c>, <c>state</c>).</summary>
    public const string NodeGpus = "orleansmesos.node.gpus";
}
