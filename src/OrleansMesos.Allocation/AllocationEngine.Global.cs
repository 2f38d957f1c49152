using OrleansMesos.Allocation.Internal;

namespace OrleansMesos.Allocation;

// The global view: an engine that owns one shard of a cluster orders frameworks by their share of the whole.
public sealed partial class AllocationEngine
{
    private Resources? _shareTotal;

    /// <summary>
    /// Tells an engine that owns one shard of a larger cluster what lies outside it: the whole cluster's
    /// capacity (shares are fractions of it) and what each framework holds outside this shard. From then on,
    /// shares and role limits count both. Frameworks not named hold nothing outside. Pass a null capacity
    /// to return to this engine's own total.
    /// </summary>
    public void SetGlobalView(Resources? clusterCapacity, IReadOnlyDictionary<FrameworkId, Resources> heldElsewhere)
    {
        ArgumentNullException.ThrowIfNull(heldElsewhere);
        _shareTotal = clusterCapacity;
        foreach (var role in _roles.Values)
        {
            role.External = Resources.Zero;
        }

        foreach (var fw in _frameworks.Values)
        {
            fw.External = heldElsewhere.TryGetValue(fw.Spec.Id, out var held) ? held : Resources.Zero;
            if (!fw.External.IsZero)
            {
                fw.Role.External += fw.External;
            }
        }
    }
}
