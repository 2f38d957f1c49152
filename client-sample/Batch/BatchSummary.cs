namespace OrleansMesos.ClientSample.Batch;

/// <summary>The figures a batch ends with.</summary>
/// <param name="Counts">Where the tasks ended.</param>
/// <param name="WallTime">From connecting to the last task's outcome.</param>
/// <param name="TaskResources">What each task asked for.</param>
/// <param name="PeakHeld">The most the framework held at once: its launched, unfinished containers.</param>
/// <param name="Capacity">The cluster's capacity, where known (the local mode reads its node's); null otherwise.</param>
/// <param name="StoppedBecause">Why the batch stopped before every task reached an outcome (timeout, Ctrl-C); null when it ran to the end.</param>
internal sealed record BatchSummary(
    BatchCounts Counts,
    TimeSpan WallTime,
    Resources TaskResources,
    Resources PeakHeld,
    Resources? Capacity,
    string? StoppedBecause = null)
{
    /// <summary>True when every task succeeded: the exit code is 0 then, 1 otherwise.</summary>
    public bool AllSucceeded => Counts.Succeeded == Counts.Total;

    /// <summary>Tasks with no outcome (the batch was stopped).</summary>
    public int Unfinished => Counts.Total - Counts.Done;

    /// <summary>
    /// The framework's peak dominant share: the largest fraction of any one resource of the cluster's
    /// capacity that it held at once, as DRF measures it. Null when the capacity is not known.
    /// </summary>
    public double? DominantShare => Capacity is { } capacity ? PeakHeld.DominantShare(capacity) : null;

    /// <summary>The resource that share is of (cpus, mem, disk or gpus); null when the capacity is not known or nothing was held.</summary>
    public string? DominantResource
    {
        get
        {
            if (Capacity is not { } c || DominantShare is not > 0 || DominantShare is not { } share)
            {
                return null;
            }

            var kinds = new (string Name, long Held, long Total)[]
            {
                ("cpus", PeakHeld.MilliCpus, c.MilliCpus),
                ("mem", PeakHeld.MemoryBytes, c.MemoryBytes),
                ("disk", PeakHeld.DiskBytes, c.DiskBytes),
                ("gpus", PeakHeld.Gpus, c.Gpus),
            };
            return kinds.First(k => k.Total > 0 && k.Held / (double)k.Total >= share).Name;
        }
    }
}
