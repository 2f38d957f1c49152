using System.CommandLine;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// <c>omctl roles</c>: every role set, and every role holding resources, with its weight, guarantee, limit,
/// what it holds and its share. <c>omctl roles set</c> changes one.
/// </summary>
internal static class RolesCommand
{
    /// <summary>Creates the command with its <c>set</c> subcommand.</summary>
    public static Command Create() => ClusterCommand.Create(
        "roles",
        "List the roles: weight, guarantee, limit, what they hold and their share of the cluster.",
        Execute,
        RolesSetCommand.Create());

    private static async Task<int> Execute(ClusterContext context)
    {
        var directory = await context.Cluster.Directory();
        var views = context.Cluster.Views(directory);
        var roles = context.Cluster.Roles();
        context.Write(Build(await roles, await views), ClusterJson.Context.RoleList, Write);
        return ExitCodes.Success;
    }

    /// <summary>The rows: roles set plus roles that hold something (with the defaults), in name order.</summary>
    public static RoleList Build(IReadOnlyDictionary<RoleName, RoleSettings> roles, IReadOnlyList<PartitionView> views)
    {
        var capacity = PartitionSums.Capacity(views);
        var held = PartitionSums.ByRole(views);
        var rows = roles.Keys.Union(held.Keys)
            .Order()
            .Select(name =>
            {
                var configured = roles.TryGetValue(name, out var settings);
                settings ??= new RoleSettings(name);
                var allocated = held.GetValueOrDefault(name);
                var share = allocated.DominantShare(capacity);
                return new RoleRow(
                    name.Value,
                    configured,
                    settings.Weight,
                    ResourceAmounts.From(settings.Guarantee),
                    LimitAmounts.From(settings.Limit),
                    ResourceAmounts.From(allocated),
                    share,
                    share / settings.Weight);
            })
            .ToList();
        return new RoleList(ResourceAmounts.From(capacity), rows);
    }

    /// <summary>Writes roles as a table.</summary>
    public static void Write(RoleList list, IAnsiConsole console)
    {
        var table = ClusterTables.New(
            $"Roles; cluster = every registered node: {ClusterTables.Human(list.ClusterCapacity)}",
            "Role", "Weight", "Guarantee", "Limit", "Holds (leased, committed)", "Dominant share of cluster", "Share / weight");
        foreach (var r in list.Roles)
        {
            ClusterTables.AddRow(
                table,
                r.Name,
                ClusterTables.Number(r.Weight) + (r.Configured ? string.Empty : " (default)"),
                ClusterTables.Human(r.Guarantee),
                r.Limit.ToString(),
                ClusterTables.Human(r.Allocated),
                ClusterTables.Percent(r.DominantShare),
                ClusterTables.Percent(r.WeightedShare));
        }

        console.Write(table);
    }
}

/// <summary>The <c>-o json</c> output of <c>omctl roles</c>.</summary>
/// <param name="ClusterCapacity">The capacity of every registered node: what shares are fractions of.</param>
/// <param name="Roles">Every role set or holding resources, in name order.</param>
internal sealed record RoleList(ResourceAmounts ClusterCapacity, IReadOnlyList<RoleRow> Roles);

/// <summary>One role.</summary>
/// <param name="Name">The role.</param>
/// <param name="Configured">Whether it was set (<c>omctl roles set</c>); a role never set has the defaults.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Guarantee">Its guarantee (quota floor).</param>
/// <param name="Limit">Its limit; a kind that is null is unlimited.</param>
/// <param name="Allocated">What its frameworks hold over all partitions, leased or committed.</param>
/// <param name="DominantShare">Its dominant share of <see cref="RoleList.ClusterCapacity"/>.</param>
/// <param name="WeightedShare">Its dominant share divided by its weight: what DRF orders roles by.</param>
internal sealed record RoleRow(
    string Name,
    bool Configured,
    double Weight,
    ResourceAmounts Guarantee,
    LimitAmounts Limit,
    ResourceAmounts Allocated,
    double DominantShare,
    double WeightedShare);

/// <summary>A limit in the units people write; a kind that is null is not limited.</summary>
/// <param name="Cpus">Cores.</param>
/// <param name="MemMiB">Memory in MiB.</param>
/// <param name="DiskMiB">Disk in MiB.</param>
/// <param name="Gpus">Whole GPUs.</param>
internal sealed record LimitAmounts(double? Cpus, double? MemMiB, double? DiskMiB, int? Gpus)
{
    /// <summary>Converts a limit.</summary>
    public static LimitAmounts From(ResourceLimit limit)
    {
        var amounts = ResourceAmounts.From(limit.Amounts);
        return new LimitAmounts(
            Limited(limit, ResourceKind.Cpus) ? amounts.Cpus : null,
            Limited(limit, ResourceKind.Memory) ? amounts.MemMiB : null,
            Limited(limit, ResourceKind.Disk) ? amounts.DiskMiB : null,
            Limited(limit, ResourceKind.Gpus) ? amounts.Gpus : null);
    }

    /// <summary>The limited kinds, as <c>cpus=8,mem=16GiB</c>; <c>unlimited</c> when none is.</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        Add("cpus", Cpus, ClusterTables.Number);
        Add("mem", MemMiB, ClusterTables.Size);
        Add("disk", DiskMiB, ClusterTables.Size);
        Add("gpus", Gpus, g => ClusterTables.Whole((int)g));
        return parts.Count == 0 ? "unlimited" : string.Join(',', parts);

        void Add(string name, double? value, Func<double, string> format)
        {
            if (value is { } v)
            {
                parts.Add($"{name}={(v == 0 ? "0" : format(v))}");
            }
        }
    }

    private static bool Limited(ResourceLimit limit, ResourceKind kind) => (limit.Kinds & kind) != 0;
}
