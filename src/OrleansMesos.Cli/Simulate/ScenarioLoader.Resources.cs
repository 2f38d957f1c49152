using OrleansMesos.Cli.Json;

namespace OrleansMesos.Cli.Simulate;

// Resource amounts: cpus (cores), memMiB and diskMiB (MiB), gpus (whole devices); each optional.
internal static partial class ScenarioLoader
{
    /// <summary>Reads a role's limit: the kinds it names are limited, the kinds it leaves out are not.</summary>
    private static ResourceLimit ReadLimit(JsonCursor value)
    {
        var given = ReadResourceObject(value);
        var kinds = (value.TryGet("cpus", out _) ? ResourceKind.Cpus : 0)
            | (value.TryGet("memMiB", out _) ? ResourceKind.Memory : 0)
            | (value.TryGet("diskMiB", out _) ? ResourceKind.Disk : 0)
            | (value.TryGet("gpus", out _) ? ResourceKind.Gpus : 0);
        return new ResourceLimit(given, kinds);
    }

    private static readonly string[] ResourceNames = ["cpus", "memMiB", "diskMiB", "gpus"];

    /// <summary>Reads a resource object such as a task, a guarantee or a limit.</summary>
    private static Resources ReadResourceObject(JsonCursor value) =>
        ReadResourceFields(value.ObjectWith(ResourceNames));

    /// <summary>Reads the resource fields of an object whose properties were already checked.</summary>
    private static Resources ReadResourceFields(JsonCursor value)
    {
        var cpus = value.TryGet("cpus", out var c) ? c.Double() : 0;
        var memMiB = value.TryGet("memMiB", out var m) ? m.Double() : 0;
        var diskMiB = value.TryGet("diskMiB", out var d) ? d.Double() : 0;
        var gpus = value.TryGet("gpus", out var g) ? g.Int32() : 0;

        // FromUnits names the bad component (cpus, memMiB, diskMiB, gpus), as the file does.
        return value.Build(() => Resources.FromUnits(cpus, memMiB, diskMiB, gpus));
    }
}
