using System.Diagnostics;
using OrleansMesos.Allocation;
using OrleansMesos.Benchmarks.Harness;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>
/// Mesos <c>HierarchicalAllocator_BENCHMARK_Test.SuppressOffers</c>: five rounds; each declines the
/// previous grants without a filter, suppresses another fifth of the frameworks, then times one cycle.
/// </summary>
internal static class SuppressOffers
{
    public const int Rounds = 5;

    public static RunResult Run<T>(T allocator, int agents, int frameworks, RoundPrinter printer)
        where T : IAllocator
    {
        var cluster = MesosCluster.Build(allocator, AgentShape.SuppressOffers, agents, frameworks);
        var result = new RunResult("SuppressOffers", allocator.Name, agents, frameworks, cluster.FrameworksAdded, cluster.AgentsAdded);
        printer.Setup(result);

        var batch = frameworks / Rounds;
        var suppressed = 0;
        IReadOnlyList<Grant> previous = [];
        var watch = new Stopwatch();
        for (var i = 0; i < Rounds; i++)
        {
            watch.Restart();
            foreach (var grant in previous)
            {
                allocator.Decline(grant, TimeSpan.Zero);
            }

            var declines = watch.Elapsed;
            for (var j = 0; j < batch; j++)
            {
                allocator.Suppress(cluster.Frameworks[suppressed++]);
            }

            var (grants, cycle, collections) = TimedCycle.Allocate(allocator);
            var round = new Round(i, cycle, declines, grants.Count, suppressed, collections);
            result.Rounds.Add(round);
            printer.Suppress(round, frameworks);
            previous = grants;
        }

        return result;
    }
}
