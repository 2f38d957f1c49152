namespace OrleansMesos.Grains.Frameworks;

/// <summary>What a framework grain keeps durable.</summary>
[GenerateSerializer, Alias("om.FrameworkGrainState")]
public sealed class FrameworkGrainState
{
    /// <summary>The registration; null before the first.</summary>
    [Id(0)]
    public FrameworkRegistration? Registration { get; set; }

    /// <summary>The connected client, or null while disconnected.</summary>
    [Id(1)]
    public IFrameworkObserver? Observer { get; set; }

    /// <summary>The demand as last stated.</summary>
    [Id(2)]
    public TaskDemand[] Demand { get; set; } = [];

    /// <summary>Per demand group, tasks not covered by a lease yet.</summary>
    [Id(3)]
    public int[] Remaining { get; set; } = [];

    /// <summary>Grows with every change of <see cref="Remaining"/> that partitions must hear of.</summary>
    [Id(4)]
    public long DemandVersion { get; set; }

    /// <summary>Leases held and not yet redeemed or declined.</summary>
    [Id(5)]
    public Dictionary<LeaseId, Lease> Leases { get; set; } = [];

    /// <summary>The latest status of each container not yet finished and acknowledged.</summary>
    [Id(6)]
    public Dictionary<ContainerId, ContainerStatus> Containers { get; set; } = [];

    /// <summary>Status updates not acknowledged yet, in the order they arrived.</summary>
    [Id(7)]
    public List<ContainerStatus> Outbox { get; set; } = [];

    /// <summary>Results of recent redemptions by request id, for retries.</summary>
    [Id(8)]
    public Dictionary<string, RedeemResult> Redemptions { get; set; } = [];

    /// <summary>Request ids of <see cref="Redemptions"/>, oldest first.</summary>
    [Id(9)]
    public List<string> RedemptionOrder { get; set; } = [];

    /// <summary>When the client disconnected; null while connected.</summary>
    [Id(10)]
    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>True once the framework was torn down (unregistered, or its failover timeout passed).</summary>
    [Id(11)]
    public bool Ended { get; set; }

    /// <summary>Per partition, the tasks of every lease seen from it, accepted or handed back.</summary>
    [Id(12)]
    public Dictionary<int, long> SeenTasks { get; set; } = [];

    /// <summary>
    /// The last <see cref="RememberedFinished"/> containers whose terminal update was acknowledged, oldest first: a
    /// node redelivers an update it is not sure it delivered (after its grain moved), and such a late copy of a
    /// finished container's update must not be taken for a new one that waits for an acknowledgement for ever.
    /// A late copy of any update but the first (Staging) is known for one without this list: its container is unknown.
    /// </summary>
    [Id(13)]
    public List<ContainerId> Finished { get; set; } = [];

    /// <summary>How many finished, acknowledged containers <see cref="Finished"/> keeps.</summary>
    public const int RememberedFinished = 128;

    /// <summary>Notes a container finished and acknowledged, forgetting the oldest beyond <see cref="RememberedFinished"/>.</summary>
    public void NoteFinished(ContainerId container)
    {
        Finished.Add(container);
        if (Finished.Count > RememberedFinished)
        {
            Finished.RemoveRange(0, Finished.Count - RememberedFinished);
        }
    }
}
