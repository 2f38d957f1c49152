namespace OrleansMesos.Cli.Simulate;

/// <summary>The outcome of one simulated allocation pass; serialised as the <c>-o json</c> output.</summary>
/// <param name="Frameworks">Each framework, in scenario order.</param>
/// <param name="Roles">Each declared role, in scenario order.</param>
/// <param name="Cluster">The cluster's total, allocated and utilisation.</param>
/// <param name="Unmet">Each framework with tasks left, and why.</param>
internal sealed record SimulationResult(
    IReadOnlyList<FrameworkOutcome> Frameworks,
    IReadOnlyList<RoleOutcome> Roles,
    ClusterOutcome Cluster,
    IReadOnlyList<UnmetDemand> Unmet);

/// <summary>What one framework received.</summary>
/// <param name="Id">The framework.</param>
/// <param name="Role">Its role.</param>
/// <param name="Tasks">The number of tasks granted.</param>
/// <param name="Allocated">What those tasks hold.</param>
/// <param name="DominantShare">Its dominant share of the cluster.</param>
internal sealed record FrameworkOutcome(string Id, string Role, int Tasks, ResourceAmounts Allocated, double DominantShare);

/// <summary>What one role's frameworks received together.</summary>
/// <param name="Name">The role.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Allocated">What its frameworks hold.</param>
/// <param name="DominantShare">Its dominant share, not divided by the weight.</param>
internal sealed record RoleOutcome(string Name, double Weight, ResourceAmounts Allocated, double DominantShare);

/// <summary>The cluster as a whole.</summary>
/// <param name="Total">The capacity of every node.</param>
/// <param name="Allocated">Everything granted.</param>
/// <param name="Utilization">Allocated over total, per resource.</param>
internal sealed record ClusterOutcome(ResourceAmounts Total, ResourceAmounts Allocated, Utilization Utilization);

/// <summary>A framework's demand left ungranted.</summary>
/// <param name="Framework">The framework.</param>
/// <param name="Remaining">Tasks not granted.</param>
/// <param name="Reason">Why, in words, as the engine explains it.</param>
/// <param name="Code">Why, as the name of the engine's <c>UnmetReason</c>.</param>
internal sealed record UnmetDemand(string Framework, int Remaining, string Reason, string Code);

/// <summary>Resources in the units people write: cores, MiB, whole GPUs.</summary>
/// <param name="Cpus">Cores.</param>
/// <param name="MemMiB">Memory in MiB.</param>
/// <param name="DiskMiB">Disk in MiB.</param>
/// <param name="Gpus">Whole GPUs.</param>
internal sealed record ResourceAmounts(double Cpus, double MemMiB, double DiskMiB, int Gpus)
{
    /// <summary>Converts the engine's vector.</summary>
    public static ResourceAmounts From(in Resources resources) => new(
        resources.Cpus,
        resources.MemoryBytes / (double)Resources.MiB,
        resources.DiskBytes / (double)Resources.MiB,
        resources.Gpus);
}

/// <summary>Fractions from 0 to 1 of each resource in use; 0 where the cluster has none.</summary>
/// <param name="Cpus">Of the cores.</param>
/// <param name="Mem">Of the memory.</param>
/// <param name="Disk">Of the disk.</param>
/// <param name="Gpus">Of the GPUs.</param>
internal sealed record Utilization(double Cpus, double Mem, double Disk, double Gpus)
{
    /// <summary>The utilisation of <paramref name="total"/> by <paramref name="allocated"/>.</summary>
    public static Utilization Of(in Resources allocated, in Resources total) => new(
        Fraction(allocated.MilliCpus, total.MilliCpus),
        Fraction(allocated.MemoryBytes, total.MemoryBytes),
        Fraction(allocated.DiskBytes, total.DiskBytes),
        Fraction(allocated.Gpus, total.Gpus));

    private static double Fraction(long part, long whole) => whole == 0 ? 0 : part / (double)whole;
}
