using System.CommandLine;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary><c>omctl leases</c>: every outstanding lease over all partitions.</summary>
internal static class LeasesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => ClusterCommand.Create(
        "leases",
        "List the outstanding leases of every partition: framework, node, resources, tasks, expiry.",
        Execute);

    private static async Task<int> Execute(ClusterContext context)
    {
        var directory = await context.Cluster.Directory();
        var views = await context.Cluster.Views(directory);
        var rows = views
            .SelectMany(v => v.Leases)
            .OrderBy(l => l.Framework)
            .ThenBy(l => l.Node)
            .ThenBy(l => l.ExpiresAt)
            .Select(l => new LeaseRow(l.Id.Value, l.Framework.Value, l.Node.Value, ResourceAmounts.From(l.Resources), l.Tasks, l.ExpiresAt, l.Partition))
            .ToList();
        context.Write(new LeaseList(rows), ClusterJson.Context.LeaseList, Write);
        return ExitCodes.Success;
    }

    private static void Write(LeaseList list, IAnsiConsole console)
    {
        var table = ClusterTables.New("Outstanding leases (granted, not yet redeemed, declined or expired)", "Lease", "Framework", "Node", "Resources", "Tasks", "Expires (UTC)", "Partition");
        foreach (var l in list.Leases)
        {
            ClusterTables.AddRow(table, l.Id, l.Framework, l.Node, ClusterTables.Human(l.Resources), ClusterTables.Whole(l.Tasks), ClusterTables.Time(l.ExpiresAt), ClusterTables.Whole(l.Partition));
        }

        console.Write(table);
    }
}

/// <summary>The <c>-o json</c> output of <c>omctl leases</c>.</summary>
/// <param name="Leases">Every outstanding lease, by framework, node and expiry.</param>
internal sealed record LeaseList(IReadOnlyList<LeaseRow> Leases);

/// <summary>One outstanding lease.</summary>
/// <param name="Id">The lease.</param>
/// <param name="Framework">The framework it was granted to.</param>
/// <param name="Node">The node it is on.</param>
/// <param name="Resources">What it grants.</param>
/// <param name="Tasks">How many tasks of the framework's demand it covers.</param>
/// <param name="ExpiresAt">When it expires unless redeemed or declined.</param>
/// <param name="Partition">The partition that granted it.</param>
internal sealed record LeaseRow(string Id, string Framework, string Node, ResourceAmounts Resources, int Tasks, DateTimeOffset ExpiresAt, int Partition);
