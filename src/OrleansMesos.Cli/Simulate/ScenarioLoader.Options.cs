using System.Text.Json;
using OrleansMesos.Allocation;
using OrleansMesos.Cli.Json;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Simulate;

// Options: the engine's seed, the kinds left out of dominant shares, and the GPU guard.
internal static partial class ScenarioLoader
{
    private static readonly Dictionary<string, ResourceKind> KindNames = new(StringComparer.Ordinal)
    {
        ["cpus"] = ResourceKind.Cpus,
        ["mem"] = ResourceKind.Memory,
        ["disk"] = ResourceKind.Disk,
        ["gpus"] = ResourceKind.Gpus,
    };

    private static AllocationOptions ReadOptions(JsonCursor value)
    {
        value.ObjectWith("seed", "fairnessExcludedResources", "gpuGuard");
        var excluded = ResourceKind.None;
        if (value.TryGet("fairnessExcludedResources", out var names))
        {
            foreach (var item in names.Items())
            {
                excluded |= KindNames.TryGetValue(item.String(), out var kind)
                    ? kind
                    : throw item.Fail("must be one of " + string.Join(", ", KindNames.Keys), $"'{item.String()}'");
            }
        }

        var options = new AllocationOptions
        {
            Seed = value.TryGet("seed", out var seed) ? seed.Int32() : AllocationOptions.DefaultSeed,
            FairnessExcludedResources = excluded,
            GpuGuard = value.TryGet("gpuGuard", out var guard) ? guard.Boolean() : AllocationOptions.Default.GpuGuard,
        };

        try
        {
            options.Validate();
        }
        catch (InvalidFieldException ex)
        {
            // The options name their own properties in PascalCase; the file spells them in camelCase.
            throw new InvalidFieldException($"{value.Path}.{JsonNamingPolicy.CamelCase.ConvertName(ex.Field)}", ex.Rule);
        }

        return options;
    }
}
