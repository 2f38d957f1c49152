using OrleansMesos.Cli.Json;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Simulate;

// Roles: a name, a weight (default 1), an optional guarantee and an optional limit (kinds it leaves out are unlimited).
internal static partial class ScenarioLoader
{
    private const string WeightRule = "must be a finite number greater than zero";

    private static IReadOnlyList<RoleSettings> ReadRoles(JsonCursor array)
    {
        var roles = new List<RoleSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in array.Items())
        {
            entry.ObjectWith("name", "weight", "guarantee", "limit");
            var nameField = entry.Get("name");
            var name = new RoleName(IdRules.Validate(nameField.String(), nameField.Path));
            if (!names.Add(name.Value))
            {
                throw nameField.Fail("must be unique", $"role '{name}' is declared more than once");
            }

            // The weight's rule is worded as RoleSettings words it, so a string and a zero read alike.
            var weight = entry.TryGet("weight", out var w) ? w.Double(WeightRule) : RoleSettings.DefaultWeight;
            var guarantee = entry.TryGet("guarantee", out var g) ? ReadResourceObject(g) : Resources.Zero;
            var limit = entry.TryGet("limit", out var l) ? ReadLimit(l) : ResourceLimit.Unlimited;
            roles.Add(entry.Build(() => new RoleSettings(name, weight, guarantee, limit)));
        }

        return roles;
    }
}
