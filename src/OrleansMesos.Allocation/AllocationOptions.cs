using OrleansMesos.Errors;

namespace OrleansMesos.Allocation;

/// <summary>Settings of an <see cref="AllocationEngine"/>; validated once when the engine is built.</summary>
public sealed class AllocationOptions
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 0;

    /// <summary>
    /// Seeds the tie-break order among roles and frameworks whose shares are equal; the same seed and
    /// the same sequence of calls give the same grants.
    /// </summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// Resource kinds left out of dominant shares, so that a scarce resource (GPUs) does not make a
    /// framework that holds one look rich in everything (Mesos: <c>--fair_sharing_excluded_resource_names</c>).
    /// </summary>
    public ResourceKind FairnessExcludedResources { get; init; } = ResourceKind.None;

    /// <summary>
    /// When true (the default), nodes with GPUs are granted only to frameworks that declare GPU
    /// capability, so CPU-only work cannot strand GPUs (Mesos: <c>--filter_gpu_resources</c>).
    /// </summary>
    public bool GpuGuard { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static AllocationOptions Default { get; } = new();

    /// <summary>Checks the options.</summary>
    /// <exception cref="InvalidFieldException">A value is out of range.</exception>
    public void Validate()
    {
        if ((FairnessExcludedResources & ~ResourceKind.All) != 0)
        {
            throw new InvalidFieldException("fairnessExcludedResources", "must combine only cpus, memory, disk and gpus");
        }

        if ((FairnessExcludedResources & ResourceKind.All) == ResourceKind.All)
        {
            throw new InvalidFieldException("fairnessExcludedResources", "must leave at least one resource kind in the dominant share");
        }
    }
}
