using OrleansMesos.Allocation.Internal;

namespace OrleansMesos.Allocation;

// Read-only views of the books, for operators, the CLI and tests.
public sealed partial class AllocationEngine
{
    /// <summary>Every framework, in id order.</summary>
    public IReadOnlyList<FrameworkView> Frameworks =>
        [.. _frameworks.Values.OrderBy(f => f.Spec.Id).Select(View)];

    /// <summary>Every role, in name order.</summary>
    public IReadOnlyList<RoleView> Roles =>
        [.. _roles.Values.OrderBy(r => r.Settings.Name).Select(View)];

    /// <summary>Every node, in id order.</summary>
    public IReadOnlyList<NodeView> Nodes =>
        [.. _nodes.Values.OrderBy(n => n.Spec.Id).Select(View)];

    /// <summary>One framework's standing.</summary>
    /// <exception cref="Errors.UnknownEntityException">No such framework.</exception>
    public FrameworkView GetFrameworkView(FrameworkId id) => View(GetFramework(id));

    /// <summary>One role's standing.</summary>
    /// <exception cref="Errors.UnknownEntityException">No such role.</exception>
    public RoleView GetRoleView(RoleName name) => View(GetRole(name));

    /// <summary>One node's books.</summary>
    /// <exception cref="Errors.UnknownEntityException">No such node.</exception>
    public NodeView GetNodeView(NodeId id) => View(GetNode(id));

    /// <summary>
    /// What each framework that holds anything holds here, unordered: one pass over the frameworks, no views
    /// built — for callers on the allocation path (a partition's ledger exchange before every pass).
    /// </summary>
    public Dictionary<FrameworkId, Resources> AllocatedByFramework()
    {
        var held = new Dictionary<FrameworkId, Resources>();
        foreach (var fw in _frameworks.Values)
        {
            if (!fw.Allocated.IsZero)
            {
                held[fw.Spec.Id] = fw.Allocated;
            }
        }

        return held;
    }

    /// <summary>What each role that holds anything holds here, unordered.</summary>
    public Dictionary<RoleName, Resources> AllocatedByRole()
    {
        var held = new Dictionary<RoleName, Resources>();
        foreach (var role in _roles.Values)
        {
            if (!role.Allocated.IsZero)
            {
                held[role.Settings.Name] = role.Allocated;
            }
        }

        return held;
    }

    /// <summary>True when some framework that is not suppressed still has tasks to be granted.</summary>
    public bool HasPendingDemand => _frameworks.Values.Any(f => f.RemainingTotal > 0 && !f.Suppressed);

    /// <summary>Whether the engine knows the framework.</summary>
    public bool ContainsFramework(FrameworkId id) => _frameworks.ContainsKey(id);

    /// <summary>Whether the engine knows the node.</summary>
    public bool ContainsNode(NodeId id) => _nodes.ContainsKey(id);

    /// <summary>What a framework holds on one node; zero when it holds nothing there or either is unknown.</summary>
    public Resources HeldOn(FrameworkId framework, NodeId node) =>
        _frameworks.TryGetValue(framework, out var fw) && _nodes.TryGetValue(node, out var n) && fw.Holdings.TryGetValue(n, out var held)
            ? held
            : Resources.Zero;

    /// <summary>What a framework holds on each node.</summary>
    /// <exception cref="Errors.UnknownEntityException">No such framework.</exception>
    public IReadOnlyDictionary<NodeId, Resources> GetHoldings(FrameworkId id) =>
        GetFramework(id).Holdings.ToDictionary(h => h.Key.Spec.Id, h => h.Value);

    private FrameworkView View(FrameworkState fw) =>
        new(fw.Spec.Id, fw.Role.Settings.Name, fw.Allocated, FrameworkShare(fw), fw.RemainingTotal, fw.Suppressed)
        {
            RemainingPerGroup = [.. fw.Remaining],
        };

    private RoleView View(RoleState role) =>
        new(role.Settings, role.Allocated, RoleShare(role), role.Frameworks.Count);

    private static NodeView View(NodeState node) =>
        new(node.Spec.Id, node.Spec.Capacity, node.Allocated, node.Schedulable);
}
