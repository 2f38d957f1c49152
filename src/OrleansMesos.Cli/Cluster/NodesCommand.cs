using System.CommandLine;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary><c>omctl nodes</c>: every registered node with its capacity, what is committed and free, and its health.</summary>
internal static class NodesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => ClusterCommand.Create(
        "nodes",
        "List the nodes: capacity, committed and free resources, GPUs, reachability, draining, live containers.",
        Execute);

    private static async Task<int> Execute(ClusterContext context)
    {
        var directory = await context.Cluster.Directory();
        var nodes = await context.Cluster.Nodes(directory);
        context.Write(new NodeList([.. nodes.Select(NodeRow.From)]), ClusterJson.Context.NodeList, (list, console) => Write(list.Nodes, console));
        return ExitCodes.Success;
    }

    /// <summary>Writes nodes as a table.</summary>
    public static void Write(IReadOnlyList<NodeRow> nodes, IAnsiConsole console)
    {
        var table = ClusterTables.New("Nodes", "Node", "Capacity", "Committed", "Free", "GPUs free/total", "Reachable", "Draining", "Containers");
        foreach (var n in nodes)
        {
            ClusterTables.AddRow(
                table,
                n.Id,
                ClusterTables.Human(n.Capacity),
                ClusterTables.Human(n.Committed),
                ClusterTables.Human(n.Free),
                $"{ClusterTables.Whole(n.Free.Gpus)}/{ClusterTables.Whole(n.Capacity.Gpus)}",
                n.Registered ? ClusterTables.YesNo(n.Reachable) : "not registered",
                ClusterTables.YesNo(n.Draining),
                ClusterTables.Whole(n.Containers));
        }

        console.Write(table);
    }
}

/// <summary>The <c>-o json</c> output of <c>omctl nodes</c>.</summary>
/// <param name="Nodes">Every node, in id order.</param>
internal sealed record NodeList(IReadOnlyList<NodeRow> Nodes);

/// <summary>One node.</summary>
/// <param name="Id">The node.</param>
/// <param name="Capacity">What it offers to the cluster.</param>
/// <param name="Committed">What its live containers hold.</param>
/// <param name="Free">What is not committed (leases outstanding on it are not subtracted).</param>
/// <param name="Registered">Whether its agent registered it.</param>
/// <param name="Reachable">Whether its agent heartbeats.</param>
/// <param name="Draining">Whether it takes no new leases.</param>
/// <param name="Containers">Its live (not terminal) containers.</param>
/// <param name="LastHeartbeat">Its agent's last heartbeat, as its grain saw it.</param>
internal sealed record NodeRow(
    string Id,
    ResourceAmounts Capacity,
    ResourceAmounts Committed,
    ResourceAmounts Free,
    bool Registered,
    bool Reachable,
    bool Draining,
    int Containers,
    DateTimeOffset LastHeartbeat)
{
    /// <summary>The row of a node's books.</summary>
    public static NodeRow From(NodeSnapshot node) => new(
        node.Node.Value,
        ResourceAmounts.From(node.Capacity),
        ResourceAmounts.From(node.Committed),
        ResourceAmounts.From(Resources.SaturatingSubtract(node.Capacity, node.Committed)),
        node.Registered,
        node.Reachable,
        node.Draining,
        node.Containers.Count(c => !c.State.IsTerminal()),
        node.LastHeartbeat);
}
