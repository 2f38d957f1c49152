using System.Globalization;
using OrleansMesos.Allocation;
using OrleansMesos.Cli.Json;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Simulate;

// Nodes: an entry with count N > 1 stands for N alike nodes named id-0 … id-(N-1).
internal static partial class ScenarioLoader
{
    /// <summary>The most nodes one entry may stand for.</summary>
    public const int MaxNodeCount = 100_000;

    private static IReadOnlyList<NodeSpec> ReadNodes(JsonCursor array)
    {
        var nodes = new List<NodeSpec>();
        var definedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = Resources.Zero;
        foreach (var entry in array.Items())
        {
            entry.ObjectWith("id", "count", "cpus", "memMiB", "diskMiB", "gpus", "attributes");
            var idField = entry.Get("id");
            var id = IdRules.Validate(idField.String(), idField.Path);
            var count = 1;
            if (entry.TryGet("count", out var countField))
            {
                count = countField.Int32();
                if (count is < 1 or > MaxNodeCount)
                {
                    throw countField.Fail($"must be between 1 and {MaxNodeCount}", count.ToString(CultureInfo.InvariantCulture));
                }
            }

            var capacity = ReadResourceFields(entry);
            if (capacity.IsZero)
            {
                throw entry.Fail("must offer some resource (cpus, memMiB, diskMiB or gpus)");
            }

            var attributes = entry.TryGet("attributes", out var a) ? a.StringMap() : null;
            try
            {
                total += capacity.Times(count);
            }
            catch (OverflowException)
            {
                throw entry.Fail("must not take the cluster's total capacity past what can be counted");
            }

            for (var i = 0; i < count; i++)
            {
                var name = count == 1 ? id : $"{id}-{i}";
                var nodeId = new NodeId(IdRules.Validate(name, idField.Path));
                if (!definedBy.TryAdd(name, entry.Path))
                {
                    throw idField.Fail("must be unique", $"node '{name}' is also defined by {definedBy[name]}");
                }

                nodes.Add(entry.Build(() => new NodeSpec(nodeId, capacity, attributes)));
            }
        }

        return nodes;
    }
}
