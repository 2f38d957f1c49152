using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Batch;

/// <summary>
/// What the framework holds, from its snapshot: the leases it has not redeemed and its containers that have
/// not ended, as the allocator counts them. The framework grain's view is used rather than the client's own:
/// a node tells the framework a container ended before it frees the container's resources, so the grain never
/// counts resources twice, while the client hears of the end later and would (a new container may already run
/// in the freed room). The peak is the largest of the snapshots observed.
/// </summary>
internal sealed class Holdings(Resources taskResources)
{
    public Resources Peak { get; private set; }

    /// <summary>What <paramref name="snapshot"/> shows the framework holding; every container of the batch has the task's shape.</summary>
    public Resources Of(FrameworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var leased = snapshot.Leases.Aggregate(Resources.Zero, (sum, lease) => sum + lease.Resources);
        return leased + taskResources.Times(snapshot.Containers.Count(c => !c.State.IsTerminal()));
    }

    /// <summary>Takes one snapshot into the peak; returns what it shows held.</summary>
    public Resources Observe(FrameworkSnapshot snapshot)
    {
        var held = Of(snapshot);
        Peak = new Resources(
            Math.Max(Peak.MilliCpus, held.MilliCpus),
            Math.Max(Peak.MemoryBytes, held.MemoryBytes),
            Math.Max(Peak.DiskBytes, held.DiskBytes),
            Math.Max(Peak.Gpus, held.Gpus));
        return held;
    }
}
