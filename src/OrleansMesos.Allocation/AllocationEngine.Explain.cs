using System.Globalization;
using OrleansMesos.Allocation.Internal;

namespace OrleansMesos.Allocation;

// Explain: why a framework's demand is not met, in words and figures.
public sealed partial class AllocationEngine
{
    /// <summary>
    /// Says why a framework's remaining demand is not granted now. Each demand group is judged on its
    /// own and the most hopeful verdict is reported (a group that could be granted outranks one that
    /// waits, which outranks one that never fits). Costs a scan of the nodes: meant for operators,
    /// not for the allocation path.
    /// </summary>
    /// <exception cref="Errors.UnknownEntityException">No such framework.</exception>
    public Explanation Explain(FrameworkId id)
    {
        ExpireFilters();
        var fw = GetFramework(id);
        var role = fw.Role;
        var ownWeighted = WeightedShare(role);
        var ahead = _roles.Values
            .Where(r => r != role && !RoleHolding(r).IsZero && WeightedShare(r) <= ownWeighted)
            .Select(r => new ShareEntry(r.Settings.Name, RoleShare(r), WeightedShare(r)))
            .OrderBy(e => e.WeightedShare)
            .ThenBy(e => e.Role)
            .ToList();

        Explanation Make(UnmetReason reason, string message) => new(id, fw.RemainingTotal, reason, message, ownWeighted, ahead);

        if (fw.RemainingTotal == 0)
        {
            return Make(UnmetReason.None, "all demand is granted");
        }

        if (fw.Suppressed)
        {
            return Make(UnmetReason.Suppressed, $"suppressed: {fw.RemainingTotal} task(s) wait until the framework revives");
        }

        (UnmetReason Reason, string Message) best = (UnmetReason.None, string.Empty);
        for (var g = 0; g < fw.Demand.Length; g++)
        {
            if (fw.Remaining[g] > 0)
            {
                var verdict = Judge(fw, g, ownWeighted, ahead);
                if (verdict.Reason > best.Reason)
                {
                    best = verdict;
                }
            }
        }

        return Make(best.Reason, best.Message);
    }

    private (UnmetReason Reason, string Message) Judge(FrameworkState fw, int g, double ownWeighted, List<ShareEntry> ahead)
    {
        var group = fw.Demand[g];
        var task = group.Task;
        var role = fw.Role;
        var prefix = $"{fw.Remaining[g]} task(s) of {task}";
        var seesGpuNodes = fw.Spec.GpuCapable || !_options.GpuGuard;
        var candidates = _nodes.Values
            .Where(n => (n.PoolId == 0 || seesGpuNodes) && (task.Gpus == 0 || n.PoolId == 1) && n.Matches(group.Constraints))
            .ToList();

        if (!candidates.Any(n => task.FitsIn(n.Spec.Capacity)))
        {
            var why = task.Gpus > 0 && !seesGpuNodes
                ? "the framework is not GPU-capable"
                : group.Constraints.Count > 0 ? "no node both matches the constraints and is large enough" : "no node is large enough";
            return (UnmetReason.NoNodeCanFit, $"{prefix}: never fit: {why}");
        }

        if (!role.Settings.WithinLimit(RoleHolding(role) + task))
        {
            return (UnmetReason.RoleLimitReached, $"{prefix}: role '{role.Settings.Name}' holds {RoleHolding(role)} of its limit {role.Settings.Limit}");
        }

        var roomy = candidates.Where(n => n.Schedulable && task.FitsIn(n.Free)).ToList();
        if (roomy.Count == 0)
        {
            var others = ahead.Count == 0
                ? "no role with a lower weighted share holds resources"
                : "held first by " + string.Join(", ", ahead.Take(5).Select(e => $"{e.Role} ({Pct(e.DominantShare)}, weighted {Pct(e.WeightedShare)})"));
            return (UnmetReason.WaitingForResources, $"{prefix}: no node has room; role '{role.Settings.Name}' is at weighted share {Pct(ownWeighted)}; {others}");
        }

        var unfiltered = roomy.Count(n => !fw.Filters.Has(n.PoolId, n.Slot));
        if (unfiltered == 0)
        {
            return (UnmetReason.Filtered, $"{prefix}: all {roomy.Count} node(s) with room were declined with a filter");
        }

        if (!HasUnmetGuarantee(role) && !HeadroomAllows(role, task))
        {
            return (UnmetReason.HeldForGuarantees, $"{prefix}: {_schedulableFree} is free but {_requiredHeadroom} is held for unmet guarantees");
        }

        return (UnmetReason.Grantable, $"{prefix}: {unfiltered} node(s) have room; the next allocation pass grants");
    }

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
