namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>What the <c>cluster</c> command runs.</summary>
/// <param name="Silos">Silos of the in-process cluster.</param>
/// <param name="Nodes">Nodes registered, each with its own fake agent.</param>
/// <param name="Frameworks">Frameworks registered, each with its own client-side driver.</param>
/// <param name="Partitions">Allocator partitions (<c>OrleansMesosOptions.Partitions</c>).</param>
/// <param name="NodeCapacity">What each node offers.</param>
/// <param name="Task">The resources of one task; every container of a lease has this shape.</param>
/// <param name="WarmUp">Unmeasured time before each measured phase.</param>
/// <param name="Duration">Measured time of each phase.</param>
/// <param name="Parallelism">Redeem calls each framework keeps in flight.</param>
/// <param name="Window">Tasks each framework keeps leased or running; 0 states one demand too large to run out.</param>
/// <param name="Concurrency">Callers of the no-op baseline.</param>
/// <param name="LeaseTtl">Lifetime of an unredeemed lease (<c>OrleansMesosOptions.LeaseTtl</c>).</param>
/// <param name="CountCalls">Count grain calls by method and state writes by type (a silo call filter and a storage serializer wrapper).</param>
/// <param name="Noop">Run the no-op baseline.</param>
/// <param name="NullStorage">Keep no grain state (a diagnostic: the cost of the messages and the logic alone).</param>
internal sealed record ClusterSettings(
    int Silos,
    int Nodes,
    int Frameworks,
    int Partitions,
    Resources NodeCapacity,
    Resources Task,
    TimeSpan WarmUp,
    TimeSpan Duration,
    int Parallelism,
    int Window,
    int Concurrency,
    TimeSpan LeaseTtl,
    bool CountCalls,
    bool Noop,
    bool NullStorage)
{
    /// <summary>The count of the single demand group without <c>--window</c>: never runs out in a run.</summary>
    public const int UnboundedDemand = 1_000_000_000;

    /// <summary>Task slots of the whole cluster: how many tasks of the shape fit on all nodes at once.</summary>
    public long Slots => (long)Nodes * SlotsPerNode;

    /// <summary>How many tasks of the shape fit on one node.</summary>
    public long SlotsPerNode
    {
        get
        {
            long Fit(long capacity, long task) => task == 0 ? long.MaxValue : capacity / task;
            var n = Math.Min(Math.Min(Fit(NodeCapacity.MilliCpus, Task.MilliCpus), Fit(NodeCapacity.MemoryBytes, Task.MemoryBytes)),
                Math.Min(Fit(NodeCapacity.DiskBytes, Task.DiskBytes), Fit(NodeCapacity.Gpus, Task.Gpus)));
            return n == long.MaxValue ? 0 : n;
        }
    }
}
