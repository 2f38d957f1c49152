namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>The engine against the reference on the same cycles of the same workload, in one process.</summary>
/// <param name="SameGrantCounts">True when both made the same number of grants in every cycle compared.</param>
internal sealed record Ratio(string Workload, string Size, string Cycles, Stats Engine, Stats Reference, bool SameGrantCounts)
{
    public double ReferenceOverEngine => Reference.MedianMs / Engine.MedianMs;

    public static IEnumerable<Ratio> ForDecline(RunResult engine, RunResult reference, int rounds)
    {
        bool Early(Round r) => r.Grants > 0 && r.Index < rounds && !r.AfterFastForward;
        var granting = Compare(engine, reference, $"rounds 0–{rounds - 1} making grants", Early);
        if (granting is not null)
        {
            yield return granting;
        }

        // Both ends have every pair filtered; the engine may have got there by itself, the reference by the fast-forward.
        var engineFiltered = Stats.Of(engine.AllFiltered.Select(r => r.Cycle));
        var referenceFiltered = Stats.Of(reference.AllFiltered.Select(r => r.Cycle));
        if (engineFiltered is { } e && referenceFiltered is { } f)
        {
            yield return new Ratio(engine.Workload, engine.Size, "all filtered", e, f, SameGrantCounts: true);
        }
    }

    public static IEnumerable<Ratio> ForSuppress(RunResult engine, RunResult reference)
    {
        var all = Compare(engine, reference, $"all {SuppressOffers.Rounds} rounds", _ => true);
        if (all is not null)
        {
            yield return all;
        }
    }

    private static Ratio? Compare(RunResult engine, RunResult reference, string cycles, Func<Round, bool> which)
    {
        var e = engine.Rounds.Where(which).ToList();
        var r = reference.Rounds.Where(which).ToList();
        if (Stats.Of(e.Select(x => x.Cycle)) is not { } es || Stats.Of(r.Select(x => x.Cycle)) is not { } rs)
        {
            return null;
        }

        var same = e.Count == r.Count && e.Zip(r).All(p => p.First.Grants == p.Second.Grants);
        return new Ratio(engine.Workload, engine.Size, cycles, es, rs, same);
    }
}
