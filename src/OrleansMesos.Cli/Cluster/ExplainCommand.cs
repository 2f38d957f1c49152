using System.CommandLine;
using OrleansMesos.Allocation;
using OrleansMesos.Errors;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// <c>omctl explain FRAMEWORK</c>: why the framework's demand is not met right now. Every partition judges the
/// framework's share of demand on its shard; the most hopeful verdict is the cluster's (as the engine ranks
/// its demand groups: a partition that could grant outranks one where the task waits, which outranks one
/// where it never fits).
/// </summary>
internal static class ExplainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var framework = new Argument<string>("framework") { Description = "The framework's id." };
        return ClusterCommand.CreateWithArguments(
            "explain",
            "Explain why a framework's demand is not met right now, in words and figures, from every partition.",
            parse =>
            {
                var id = new FrameworkId(parse.GetRequiredValue(framework));
                return context => Execute(context, id);
            },
            framework);
    }

    private static async Task<int> Execute(ClusterContext context, FrameworkId id)
    {
        var directory = await context.Cluster.Directory();
        if (!directory.Frameworks.Contains(id))
        {
            throw new UnknownEntityException("framework", id.Value);
        }

        var snapshot = context.Cluster.Framework(id).GetSnapshot();
        var verdicts = await Task.WhenAll(Enumerable.Range(0, directory.Partitions).Select(p => Ask(context.Cluster.Partition(p), id)));
        context.Write(Combine(await snapshot, [.. verdicts.OfType<DemandExplanation>()]), ClusterJson.Context.ExplainResult, Write);
        return ExitCodes.Success;
    }

    /// <summary>A partition's verdict; null when the partition does not know the framework (yet, or any more).</summary>
    private static async Task<DemandExplanation?> Ask(IAllocatorPartitionGrain partition, FrameworkId framework)
    {
        try
        {
            return await partition.Explain(framework);
        }
        catch (UnknownEntityException)
        {
            return null;
        }
    }

    /// <summary>
    /// The cluster's verdict: the most hopeful of the partitions' (the lowest partition among equals). The
    /// framework grain's remaining demand is the headline figure; each partition judges only its share of it.
    /// </summary>
    public static ExplainResult Combine(FrameworkSnapshot framework, IReadOnlyList<DemandExplanation> verdicts)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var registration = framework.Registration ?? throw new ArgumentException("the framework is not registered", nameof(framework));
        var remaining = framework.Demand.Sum(d => d.Count);
        var best = verdicts
            .Where(v => Rank(v.Reason) > UnmetReason.None)
            .OrderByDescending(v => Rank(v.Reason))
            .ThenBy(v => v.Partition)
            .FirstOrDefault();
        var (reason, message) = (remaining, best) switch
        {
            (0, _) => (nameof(UnmetReason.None), "all demand is leased: no task waits"),
            (_, null) => (nameof(UnmetReason.None), $"{remaining} task(s) wait, but every partition has granted its share of them: the leases are on their way to the framework, or the partitions have not heard its latest demand yet"),
            _ => (best.Reason, best.Message),
        };
        return new ExplainResult(
            registration.Id.Value,
            registration.Role.Value,
            framework.Connected,
            remaining,
            reason,
            message,
            remaining == 0 ? null : best?.Partition,
            best?.OwnWeightedShare ?? verdicts.FirstOrDefault()?.OwnWeightedShare ?? 0,
            [.. verdicts.OrderBy(v => v.Partition).Select(v => new PartitionVerdict(v.Partition, v.RemainingTasks, v.Reason, v.Message))],
            [.. (remaining == 0 ? null : best)?.RolesAhead.Select(r => new RoleAhead(r.Role.Value, r.DominantShare, r.WeightedShare)) ?? []]);
    }

    // A reason this version does not know ranks lowest.
    private static UnmetReason Rank(string reason) => Enum.TryParse<UnmetReason>(reason, out var r) ? r : UnmetReason.None;

    private static void Write(ExplainResult result, IAnsiConsole console)
    {
        ClusterTables.Line(console, $"Framework {result.Framework} (role {result.Role}, {(result.Connected ? "connected" : "not connected")}): {result.RemainingTasks} task(s) of its demand wait for a lease.");
        ClusterTables.Line(console, $"{result.Reason}: {result.Message}" + (result.Partition is { } p ? $" (partition {ClusterTables.Whole(p)})" : string.Empty));
        ClusterTables.Line(console, $"Its role's weighted share: {ClusterTables.Percent(result.OwnWeightedShare)}.");

        var partitions = ClusterTables.New("Per partition: its share of the demand, on its nodes", "Partition", "Remaining", "Reason", "Message");
        foreach (var v in result.Partitions)
        {
            ClusterTables.AddRow(partitions, ClusterTables.Whole(v.Partition), ClusterTables.Whole(v.RemainingTasks), v.Reason, v.Message);
        }

        console.Write(partitions);
        if (result.RolesAhead.Count > 0)
        {
            var ahead = ClusterTables.New("Roles ahead (a lower weighted share, holding resources)", "Role", "Dominant share", "Weighted share");
            foreach (var r in result.RolesAhead)
            {
                ClusterTables.AddRow(ahead, r.Role, ClusterTables.Percent(r.DominantShare), ClusterTables.Percent(r.WeightedShare));
            }

            console.Write(ahead);
        }
    }
}

/// <summary>The <c>-o json</c> output of <c>omctl explain</c>.</summary>
/// <param name="Framework">The framework.</param>
/// <param name="Role">Its role.</param>
/// <param name="Connected">Whether its client is connected.</param>
/// <param name="RemainingTasks">Tasks of its demand not covered by a lease, as its framework grain counts them.</param>
/// <param name="Reason">The cluster's verdict: the engine's reason name (None when nothing waits or no partition holds unmet demand).</param>
/// <param name="Message">The verdict in words, with figures.</param>
/// <param name="Partition">The partition whose verdict it is; null when none is.</param>
/// <param name="OwnWeightedShare">The weighted share of its role, as that partition sees the cluster.</param>
/// <param name="Partitions">Every partition's own verdict on its share of the demand.</param>
/// <param name="RolesAhead">Roles with a lower weighted share that hold resources, lowest first.</param>
internal sealed record ExplainResult(
    string Framework,
    string Role,
    bool Connected,
    int RemainingTasks,
    string Reason,
    string Message,
    int? Partition,
    double OwnWeightedShare,
    IReadOnlyList<PartitionVerdict> Partitions,
    IReadOnlyList<RoleAhead> RolesAhead);

/// <summary>One partition's verdict.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="RemainingTasks">Tasks of its share of the demand not granted yet.</param>
/// <param name="Reason">The engine's reason name.</param>
/// <param name="Message">In words, with figures.</param>
internal sealed record PartitionVerdict(int Partition, int RemainingTasks, string Reason, string Message);

/// <summary>A role ahead of the framework's own.</summary>
/// <param name="Role">The role.</param>
/// <param name="DominantShare">Its dominant share.</param>
/// <param name="WeightedShare">Its dominant share divided by its weight.</param>
internal sealed record RoleAhead(string Role, double DominantShare, double WeightedShare);
