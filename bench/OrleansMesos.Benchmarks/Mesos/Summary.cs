using System.Globalization;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>The closing tables, in Markdown so that they can go into the docs as printed.</summary>
internal static class Summary
{
    public static void Print(IReadOnlyList<RunResult> runs, IReadOnlyList<Ratio> ratios, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("## Summary: one allocation cycle, median (min–max)");
        output.WriteLine();
        output.WriteLine("| workload | agents × frameworks | allocator | added frameworks / agents | round 0 | middle round making grants | cycles making grants | grants a cycle (median) | cycles with all filtered | declines before a cycle (median) | cycles with a GC |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            var granting = run.Granting.ToList();
            var round0 = run.Rounds.Count > 0 ? Stats.Ms(run.Rounds[0].Cycle.TotalMilliseconds) : "–";
            var middle = run.MiddleGranting is { } m ? $"{Stats.Ms(m.Cycle.TotalMilliseconds)} (round {m.Index})" : "–";
            var grants = granting.Count > 0 ? Median(granting.Select(r => (double)r.Grants)).ToString("N0", CultureInfo.InvariantCulture) : "0";
            var declines = Stats.Of(run.Rounds.Where(r => r.Declines > TimeSpan.Zero).Select(r => r.Declines));
            output.WriteLine(
                $"| {run.Workload} | {run.Size} | {run.Allocator} | {Stats.Ms(run.FrameworksAdded.TotalMilliseconds)} / {Stats.Ms(run.AgentsAdded.TotalMilliseconds)} " +
                $"| {round0} | {middle} | {Describe(Stats.Of(granting.Select(r => r.Cycle)))} | {grants} " +
                $"| {Describe(Stats.Of(run.AllFiltered.Select(r => r.Cycle)))} | {(declines is { } d ? Stats.Ms(d.MedianMs) : "–")} | {run.Rounds.Count(r => r.Collections > 0)} of {run.Rounds.Count} |");
        }

        if (ratios.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("## Engine against the reference, same workload, same process");
        output.WriteLine();
        output.WriteLine("| workload | agents × frameworks | cycles | engine median | reference median | reference / engine | same grant counts |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var ratio in ratios)
        {
            output.WriteLine(
                $"| {ratio.Workload} | {ratio.Size} | {ratio.Cycles} | {Stats.Ms(ratio.Engine.MedianMs)} | {Stats.Ms(ratio.Reference.MedianMs)} " +
                $"| {ratio.ReferenceOverEngine.ToString("N0", CultureInfo.InvariantCulture)}× | {(ratio.SameGrantCounts ? "yes" : "no")} |");
        }
    }

    private static string Describe(Stats? stats) => stats is { } s ? $"{s} ×{s.Count}" : "–";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
