namespace OrleansMesos.Allocation;

/// <summary>A framework as the engine sees it: its id, its role, and whether it can use GPUs.</summary>
/// <param name="Id">The framework's id.</param>
/// <param name="Role">The role it shares the cluster under; created with default settings if unknown.</param>
/// <param name="GpuCapable">Whether nodes with GPUs may be granted to it (see <see cref="AllocationOptions.GpuGuard"/>).</param>
public sealed record FrameworkSpec(FrameworkId Id, RoleName Role, bool GpuCapable = false);
