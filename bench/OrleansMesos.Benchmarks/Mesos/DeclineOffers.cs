using System.Collections;
using System.Diagnostics;
using OrleansMesos.Allocation;
using OrleansMesos.Benchmarks.Harness;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>
/// Mesos <c>HierarchicalAllocator_BENCHMARK_Test.DeclineOffers</c>: each round declines every grant of
/// the round before with a filter that holds until revive (Mesos: refuse_seconds = INT_MAX), then times
/// one allocation cycle. Mesos runs 2·F rounds; about half of them find everything filtered.
/// </summary>
internal static class DeclineOffers
{
    /// <param name="roundCap">
    /// At most this many rounds. When the cap stops the run before every framework has filtered every
    /// agent, the remaining filters are put in place directly (restore one offer, decline it with the
    /// filter) and <paramref name="filteredRounds"/> all-filtered cycles are timed, so the run always
    /// includes the cycle Mesos finds slowest.
    /// </param>
    public static RunResult Run<T>(T allocator, int agents, int frameworks, int? roundCap, int filteredRounds, RoundPrinter printer)
        where T : IAllocator
    {
        var cluster = MesosCluster.Build(allocator, AgentShape.DeclineOffers, agents, frameworks);
        var result = new RunResult("DeclineOffers", allocator.Name, agents, frameworks, cluster.FrameworksAdded, cluster.AgentsAdded);
        printer.Setup(result);

        var rounds = Math.Min(2 * frameworks, roundCap ?? int.MaxValue);
        var seen = rounds < 2 * frameworks ? new PairTracker(cluster) : null;
        var filter = AllocationEngine.FilterUntilRevived;
        IReadOnlyList<Grant> previous = [];
        long filters = 0;
        var watch = new Stopwatch();
        for (var i = 0; i < rounds; i++)
        {
            watch.Restart();
            foreach (var grant in previous)
            {
                allocator.Decline(grant, filter);
                seen?.Mark(grant);
            }

            var declines = watch.Elapsed;
            filters += previous.Count;
            var (grants, cycle, collections) = TimedCycle.Allocate(allocator);
            var round = new Round(i, cycle, declines, grants.Count, filters, collections);
            result.Rounds.Add(round);
            printer.Decline(round);
            previous = grants;
        }

        if (seen is null || previous.Count == 0)
        {
            // Uncapped, or the cap came after the first all-filtered cycle: nothing left to add.
            return result;
        }

        // Capped before everything was filtered: file the rest directly, then time the all-filtered cycle.
        foreach (var grant in previous)
        {
            allocator.Decline(grant, filter);
            seen.Mark(grant);
        }

        watch.Restart();
        var added = seen.FilterTheRest(allocator, cluster.Shape.Offer, filter);
        printer.FastForward(added, watch.Elapsed);
        filters = (long)agents * frameworks;
        for (var i = 0; i < filteredRounds; i++)
        {
            var (grants, cycle, collections) = TimedCycle.Allocate(allocator);
            var round = new Round(rounds + i, cycle, TimeSpan.Zero, grants.Count, filters, collections, AfterFastForward: true);
            result.Rounds.Add(round);
            printer.Decline(round);
        }

        return result;
    }

    /// <summary>Which (framework, agent) pairs have been declined with a filter, for the fast-forward of a capped run.</summary>
    private sealed class PairTracker(MesosCluster cluster)
    {
        private readonly Dictionary<FrameworkId, int> _frameworks =
            cluster.Frameworks.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        private readonly Dictionary<NodeId, int> _nodes =
            cluster.Nodes.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        private readonly BitArray _filtered = new(checked(cluster.Frameworks.Length * cluster.Nodes.Length));

        public void Mark(in Grant grant) =>
            _filtered[(_frameworks[grant.Framework] * cluster.Nodes.Length) + _nodes[grant.Node]] = true;

        public long FilterTheRest<T>(T allocator, Resources offer, TimeSpan filter)
            where T : IAllocator
        {
            long added = 0;
            for (var f = 0; f < cluster.Frameworks.Length; f++)
            {
                for (var n = 0; n < cluster.Nodes.Length; n++)
                {
                    if (_filtered[(f * cluster.Nodes.Length) + n])
                    {
                        continue;
                    }

                    // A grant from no current demand version: declining it files the filter and returns no task.
                    allocator.RestoreAllocation(cluster.Frameworks[f], cluster.Nodes[n], offer);
                    allocator.Decline(new Grant(cluster.Frameworks[f], cluster.Nodes[n], offer, Group: 0, DemandVersion: -1), filter);
                    added++;
                }
            }

            return added;
        }
    }
}
