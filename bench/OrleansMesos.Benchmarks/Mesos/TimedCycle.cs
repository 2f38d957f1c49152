using System.Diagnostics;
using OrleansMesos.Allocation;
using OrleansMesos.Benchmarks.Harness;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>One allocation cycle under the stopwatch, with the garbage collections that ran inside it.</summary>
internal static class TimedCycle
{
    public static (IReadOnlyList<Grant> Grants, TimeSpan Took, int Collections) Allocate<T>(T allocator)
        where T : IAllocator
    {
        var before = GC.CollectionCount(0);
        var start = Stopwatch.GetTimestamp();
        var grants = allocator.Allocate();
        var took = Stopwatch.GetElapsedTime(start);

        // A gen-1 or gen-2 collection counts as a gen-0 one too, so gen 0 counts them all.
        return (grants, took, GC.CollectionCount(0) - before);
    }
}
