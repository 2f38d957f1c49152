using OrleansMesos.Allocation;

namespace OrleansMesos.Cli.Simulate;

/// <summary>
/// A validated what-if scenario, already in the engine's terms: the nodes (with <c>count</c> expanded),
/// the roles, the frameworks with their demand, and the engine's options.
/// </summary>
/// <param name="Nodes">Every node, in the order the file gives them.</param>
/// <param name="Roles">Every declared role, in file order.</param>
/// <param name="Frameworks">Every framework, in file order; each names a declared role.</param>
/// <param name="Options">The engine's options.</param>
internal sealed record Scenario(
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlyList<RoleSettings> Roles,
    IReadOnlyList<ScenarioFramework> Frameworks,
    AllocationOptions Options);

/// <summary>A framework of a scenario and what it asks for.</summary>
/// <param name="Spec">Its id, role and GPU capability.</param>
/// <param name="Demand">Its demand groups; possibly none.</param>
internal sealed record ScenarioFramework(FrameworkSpec Spec, IReadOnlyList<DemandGroup> Demand);
