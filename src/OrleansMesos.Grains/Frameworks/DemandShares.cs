using OrleansMesos.Allocation;
using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Frameworks;

/// <summary>The framework grain's demand arithmetic, kept apart from the messaging.</summary>
internal static class DemandShares
{
    /// <summary>
    /// What one of <paramref name="partitions"/> partitions may lease: ceil(remaining / P) of each group.
    /// Every partition can serve a group (a task is never stuck where there is no room), and together they
    /// can overshoot by fewer than P tasks, which the framework grain hands straight back.
    /// </summary>
    public static TaskDemand[] ForPartition(TaskDemand[] demand, int[] remaining, int partitions) =>
        [.. demand.Select((d, g) => d with { Count = (remaining[g] + partitions - 1) / partitions })];

    /// <summary>Validates stated demand, naming the bad field by its place in the list.</summary>
    public static void Validate(TaskDemand[] demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        for (var i = 0; i < demand.Length; i++)
        {
            var d = demand[i] ?? throw new InvalidFieldException($"demand[{i}]", "must not be null");
            try
            {
                _ = new DemandGroup(d.Task, d.Count, d.Constraints);
            }
            catch (InvalidFieldException ex)
            {
                throw ex.Under($"demand[{i}]");
            }
        }
    }

    /// <summary>True when <paramref name="lease"/> was granted for the current demand: a group that exists, of the same task shape.</summary>
    public static bool Matches(TaskDemand[] demand, Lease lease) =>
        lease.DemandGroup >= 0 && lease.DemandGroup < demand.Length && lease.Tasks > 0
        && demand[lease.DemandGroup].Task.Times(lease.Tasks) == lease.Resources;
}
