using OrleansMesos.Allocation;
using OrleansMesos.Cli.Json;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Simulate;

// Frameworks: an id, a declared role, GPU capability, and demand groups of tasks.
internal static partial class ScenarioLoader
{
    private static IReadOnlyList<ScenarioFramework> ReadFrameworks(JsonCursor array, IReadOnlyList<RoleSettings> roles)
    {
        var declared = roles.Select(r => r.Name).ToHashSet();
        var frameworks = new List<ScenarioFramework>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in array.Items())
        {
            entry.ObjectWith("id", "role", "gpuCapable", "demand");
            var idField = entry.Get("id");
            var id = new FrameworkId(IdRules.Validate(idField.String(), idField.Path));
            if (!ids.Add(id.Value))
            {
                throw idField.Fail("must be unique", $"framework '{id}' is defined more than once");
            }

            // Every role must be declared: the engine would create an unknown one with default
            // settings, which in a what-if is far more often a typo than an intent.
            var roleField = entry.Get("role");
            var role = new RoleName(IdRules.Validate(roleField.String(), roleField.Path));
            if (!declared.Contains(role))
            {
                throw roleField.Fail("must name a role declared in $.roles", $"'{role}'");
            }

            var gpuCapable = entry.TryGet("gpuCapable", out var gc) && gc.Boolean();
            var demand = entry.TryGet("demand", out var d) ? d.Items().Select(ReadDemandGroup).ToList() : [];
            frameworks.Add(new ScenarioFramework(new FrameworkSpec(id, role, gpuCapable), demand));
        }

        return frameworks;
    }

    private static DemandGroup ReadDemandGroup(JsonCursor entry)
    {
        entry.ObjectWith("task", "count", "constraints");
        var task = ReadResourceObject(entry.Get("task"));
        var count = entry.Get("count").Int32();
        var constraints = entry.TryGet("constraints", out var c) ? c.StringMap() : null;

        // DemandGroup names its own fields (task, count), which are this entry's properties.
        return entry.Build(() => new DemandGroup(task, count, constraints));
    }
}
