using System.CommandLine;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// <c>omctl drain NODE</c>: the node takes no new leases and its outstanding leases are rescinded; its running
/// containers keep running. <c>omctl undrain NODE</c> ends the drain.
/// </summary>
internal static class DrainCommand
{
    /// <summary>Creates <c>drain</c>.</summary>
    public static Command CreateDrain()
    {
        var node = NodeArgument();
        var deadline = new Option<double?>("--deadline")
        {
            Description = "seconds running containers may still run; then they are killed and reported Killed (default: they run on)",
        };
        return ClusterCommand.CreateWithArguments(
            "drain",
            "Drain a node: it takes no new leases and its outstanding leases are rescinded; running containers keep running (until --deadline).",
            parse => Prepare(parse.GetRequiredValue(node), drain: true, Deadline(parse.GetValue(deadline))),
            node,
            deadline);
    }

    /// <summary>Creates <c>undrain</c>.</summary>
    public static Command CreateUndrain()
    {
        var node = NodeArgument();
        return ClusterCommand.CreateWithArguments(
            "undrain",
            "End a node's drain: it takes new leases again.",
            parse => Prepare(parse.GetRequiredValue(node), drain: false, deadline: null),
            node);
    }

    private static Argument<string> NodeArgument() => new("node") { Description = "The node's id." };

    private static TimeSpan? Deadline(double? seconds) => seconds switch
    {
        null => null,
        >= 0 and <= 86_400 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new InvalidFieldException("--deadline", "must be a number of seconds between 0 and 86400", seconds.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static Func<ClusterContext, Task<int>> Prepare(string id, bool drain, TimeSpan? deadline)
    {
        var node = new NodeId(id);
        return context => Execute(context, node, drain, deadline);
    }

    private static async Task<int> Execute(ClusterContext context, NodeId node, bool drain, TimeSpan? deadline)
    {
        var grain = context.Cluster.Node(node);
        if (drain)
        {
            await grain.Drain(deadline);
        }
        else
        {
            await grain.Undrain();
        }

        var row = NodeRow.From(await grain.GetSnapshot());
        context.Write(row, ClusterJson.Context.NodeRow, (n, console) =>
        {
            ClusterTables.Line(console, drain
                ? $"Node {n.Id} is draining: it takes no new leases and its outstanding leases were rescinded; {n.Containers} live container(s) keep running"
                    + (deadline is { } d ? $" for {d.TotalSeconds:0.###} s at most, then they are killed." : ".")
                : $"Node {n.Id} is no longer draining: it takes new leases{(n.Reachable ? string.Empty : " once it is reachable again")}.");
            NodesCommand.Write([n], console);
        });
        return ExitCodes.Success;
    }
}
