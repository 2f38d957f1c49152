using OrleansMesos.Allocation;

namespace OrleansMesos.Cli.Simulate;

/// <summary>Runs the allocation engine on a scenario: one pass that grants until no demand fits.</summary>
internal static class SimulationRunner
{
    /// <summary>Builds an engine from <paramref name="scenario"/>, allocates once, and reports the outcome.</summary>
    public static SimulationResult Run(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var engine = new AllocationEngine(scenario.Options);
        foreach (var role in scenario.Roles)
        {
            engine.SetRole(role);
        }

        foreach (var node in scenario.Nodes)
        {
            engine.AddNode(node);
        }

        foreach (var framework in scenario.Frameworks)
        {
            engine.AddFramework(framework.Spec);
            engine.SetDemand(framework.Spec.Id, framework.Demand);
        }

        var tasks = engine.Allocate().CountBy(g => g.Framework).ToDictionary();
        var views = scenario.Frameworks.Select(f => engine.GetFrameworkView(f.Spec.Id)).ToList();
        return new SimulationResult(
            [.. views.Select(v => new FrameworkOutcome(
                v.Id.Value, v.Role.Value, tasks.GetValueOrDefault(v.Id), ResourceAmounts.From(v.Allocated), v.DominantShare))],
            [.. scenario.Roles.Select(r => engine.GetRoleView(r.Name)).Select(v => new RoleOutcome(
                v.Settings.Name.Value, v.Settings.Weight, ResourceAmounts.From(v.Allocated), v.DominantShare))],
            new ClusterOutcome(
                ResourceAmounts.From(engine.Total), ResourceAmounts.From(engine.Allocated), Utilization.Of(engine.Allocated, engine.Total)),
            [.. views.Where(v => v.RemainingTasks > 0).Select(v => engine.Explain(v.Id)).Select(e => new UnmetDemand(
                e.Framework.Value, e.RemainingTasks, e.Message, e.Reason.ToString()))]);
    }
}
