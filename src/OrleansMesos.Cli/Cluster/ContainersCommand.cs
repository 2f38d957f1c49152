using System.CommandLine;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary><c>omctl containers</c>: the containers of every node, live ones and recently ended ones, as the node grains keep them.</summary>
internal static class ContainersCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => ClusterCommand.Create(
        "containers",
        "List the containers of every node: framework, state, resources, exit code and reason (recently ended ones included).",
        Execute);

    private static async Task<int> Execute(ClusterContext context)
    {
        var directory = await context.Cluster.Directory();
        var nodes = await context.Cluster.Nodes(directory);
        var rows = nodes
            .SelectMany(n => n.Containers.OrderBy(c => c.CreatedAt).Select(c => ContainerRow.From(n.Node, c)))
            .ToList();
        context.Write(new ContainerList(rows), ClusterJson.Context.ContainerList, Write);
        return ExitCodes.Success;
    }

    private static void Write(ContainerList list, IAnsiConsole console)
    {
        var table = ClusterTables.New("Containers per node (ended ones are kept for a while)", "Node", "Framework", "Container", "State", "Resources", "Exit code", "Reason");
        foreach (var c in list.Containers)
        {
            ClusterTables.AddRow(
                table,
                c.Node,
                c.Framework,
                c.Container,
                c.State,
                ClusterTables.Human(c.Resources),
                c.ExitCode is { } code ? ClusterTables.Whole(code) : "-",
                c.Reason ?? string.Empty);
        }

        console.Write(table);
    }
}

/// <summary>The <c>-o json</c> output of <c>omctl containers</c>.</summary>
/// <param name="Containers">Every container, by node in id order, then oldest first.</param>
internal sealed record ContainerList(IReadOnlyList<ContainerRow> Containers);

/// <summary>One container.</summary>
/// <param name="Node">Its node.</param>
/// <param name="Framework">Its framework.</param>
/// <param name="Container">Its id.</param>
/// <param name="State">Where it is in its life: Staging, Starting, Running, Finished, Failed, Killed or Lost.</param>
/// <param name="Resources">What it may use.</param>
/// <param name="ExitCode">Its exit code, once it exited (-1 when unknown).</param>
/// <param name="Reason">Why it ended, when known.</param>
/// <param name="Lease">The lease it was launched from.</param>
/// <param name="Image">Its image, for a Docker container.</param>
/// <param name="Command">Its command, for a native process.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
internal sealed record ContainerRow(
    string Node,
    string Framework,
    string Container,
    string State,
    ResourceAmounts Resources,
    int? ExitCode,
    string? Reason,
    string Lease,
    string? Image,
    string? Command,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The row of a node's container record.</summary>
    public static ContainerRow From(NodeId node, ContainerRecord record) => new(
        node.Value,
        record.Framework.Value,
        record.Spec.Id.Value,
        record.State.ToString(),
        ResourceAmounts.From(record.Spec.Resources),
        record.ExitCode,
        record.Reason,
        record.Lease.Value,
        record.Spec.Image,
        record.Spec.Command,
        record.UpdatedAt);
}
