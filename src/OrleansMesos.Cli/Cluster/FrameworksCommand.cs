using System.CommandLine;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary><c>omctl frameworks</c>: every registered framework with its role, share, remaining demand, leases and containers.</summary>
internal static class FrameworksCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => ClusterCommand.Create(
        "frameworks",
        "List the frameworks: role and its weight, dominant share, remaining demand, leases, containers, connection.",
        Execute);

    private static async Task<int> Execute(ClusterContext context)
    {
        var directory = await context.Cluster.Directory();
        var frameworks = context.Cluster.Frameworks(directory);
        var views = context.Cluster.Views(directory);
        var roles = context.Cluster.Roles();
        var list = Build(await frameworks, await views, await roles);
        context.Write(list, ClusterJson.Context.FrameworkList, Write);
        return ExitCodes.Success;
    }

    /// <summary>The rows: holdings summed over partitions, shares of the capacity of every registered node.</summary>
    public static FrameworkList Build(IEnumerable<FrameworkSnapshot> frameworks, IReadOnlyList<PartitionView> views, IReadOnlyDictionary<RoleName, RoleSettings> roles)
    {
        var capacity = PartitionSums.Capacity(views);
        var held = PartitionSums.ByFramework(views);
        var rows = frameworks
            .Where(f => f.Registration is not null)
            .Select(f =>
            {
                var registration = f.Registration!;
                var allocated = held.GetValueOrDefault(registration.Id);
                return new FrameworkRow(
                    registration.Id.Value,
                    registration.Name,
                    registration.Role.Value,
                    roles.TryGetValue(registration.Role, out var role) ? role.Weight : RoleSettings.DefaultWeight,
                    ResourceAmounts.From(allocated),
                    allocated.DominantShare(capacity),
                    f.Demand.Sum(d => d.Count),
                    f.Leases.Length,
                    f.Containers.Count(c => !c.State.IsTerminal()),
                    f.Connected,
                    f.DisconnectedAt);
            })
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return new FrameworkList(ResourceAmounts.From(capacity), rows);
    }

    private static void Write(FrameworkList list, IAnsiConsole console)
    {
        var table = ClusterTables.New(
            $"Frameworks; cluster = every registered node: {ClusterTables.Human(list.ClusterCapacity)}",
            "Framework", "Role", "Role weight", "Holds (leased, committed)", "Dominant share of cluster", "Remaining tasks", "Leases", "Containers", "Connected");
        foreach (var f in list.Frameworks)
        {
            ClusterTables.AddRow(
                table,
                f.Id,
                f.Role,
                ClusterTables.Number(f.RoleWeight),
                ClusterTables.Human(f.Allocated),
                ClusterTables.Percent(f.DominantShare),
                ClusterTables.Whole(f.RemainingTasks),
                ClusterTables.Whole(f.Leases),
                ClusterTables.Whole(f.Containers),
                f.Connected ? "yes" : f.DisconnectedAt is { } since ? $"no, since {ClusterTables.Time(since)}" : "no");
        }

        console.Write(table);
    }
}

/// <summary>The <c>-o json</c> output of <c>omctl frameworks</c>.</summary>
/// <param name="ClusterCapacity">The capacity of every registered node: what shares are fractions of.</param>
/// <param name="Frameworks">Every registered framework, in id order.</param>
internal sealed record FrameworkList(ResourceAmounts ClusterCapacity, IReadOnlyList<FrameworkRow> Frameworks);

/// <summary>One framework.</summary>
/// <param name="Id">The framework.</param>
/// <param name="Name">Its name for people.</param>
/// <param name="Role">Its role.</param>
/// <param name="RoleWeight">The weight of its role (1 when the role was never set).</param>
/// <param name="Allocated">What it holds over all partitions, leased or committed.</param>
/// <param name="DominantShare">Its dominant share of <see cref="FrameworkList.ClusterCapacity"/>.</param>
/// <param name="RemainingTasks">Tasks of its demand not covered by a lease yet.</param>
/// <param name="Leases">Leases it holds and has not redeemed or declined.</param>
/// <param name="Containers">Its live (not terminal) containers.</param>
/// <param name="Connected">Whether its client is connected.</param>
/// <param name="DisconnectedAt">When its client left; null while connected.</param>
internal sealed record FrameworkRow(
    string Id,
    string Name,
    string Role,
    double RoleWeight,
    ResourceAmounts Allocated,
    double DominantShare,
    int RemainingTasks,
    int Leases,
    int Containers,
    bool Connected,
    DateTimeOffset? DisconnectedAt);
