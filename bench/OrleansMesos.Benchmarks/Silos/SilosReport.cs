namespace OrleansMesos.Benchmarks.Silos;

/// <summary>The summary tables of the <c>silos</c> command (Markdown, as docs/benchmarks.md quotes them).</summary>
internal static class SilosReport
{
    public static void Print(SilosSettings settings, IReadOnlyList<ThroughputResult> throughput, IReadOnlyList<FailoverResult> failovers, TextWriter output)
    {
        if (throughput.Count > 0)
        {
            PrintThroughput(settings, throughput, output);
        }

        if (failovers.Count > 0)
        {
            PrintFailovers(failovers, output);
        }
    }

    private static void PrintThroughput(SilosSettings settings, IReadOnlyList<ThroughputResult> results, TextWriter output)
    {
        var n = settings.Silos;
        output.WriteLine();
        output.WriteLine($"## Throughput: 1 silo against {n}");
        output.WriteLine();
        output.WriteLine($"| round | silos | leases granted/s | redeemed/s | containers finished/s | redeem p50 / p99 | cores busy: silos / redis / bench / others / machine | idle silos (cores) | load avg (1 min) before → after | declined, refused, errors |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var w = r.Window;
            output.WriteLine($"| {r.Round} | {r.Silos} | {r.LeasesPerSecond:0.0} | {r.RedeemedPerSecond:0.0} | {r.FinishedPerSecond:0.0} | {Cluster.Percentiles.Ms(r.Redeem.P50)} / {Cluster.Percentiles.Ms(r.Redeem.P99)} | " +
                $"{w.SiloCores:0.00} / {w.RedisCores:0.00} / {w.BenchCores:0.00} / {w.OtherCores:0.00} / {w.MachineCores:0.00} | {r.IdleSiloCores:0.00} | {w.Load1Before:0.0} → {w.Load1After:0.0} | " +
                $"{w.Counts.Declined}, {w.Counts.RedeemRefused}, {w.Counts.RedeemFailed + w.Counts.ClientErrors} |");
        }

        var ratios = results.GroupBy(r => r.Round).Where(g => g.Count() == 2)
            .Select(g => (Round: g.Key, One: g.Single(r => r.Silos == 1), Many: g.Single(r => r.Silos == n))).ToArray();
        output.WriteLine();
        output.WriteLine($"| figure | 1 silo: median (min–max) | {n} silos: median (min–max) | ratio {n}/1 per round: median (min–max) |");
        output.WriteLine("|---|---|---|---|");
        void Row(string name, Func<ThroughputResult, double> figure) =>
            output.WriteLine($"| {name} | {Spread.Of(ratios.Select(r => figure(r.One))).Format("0.0")} | {Spread.Of(ratios.Select(r => figure(r.Many))).Format("0.0")} | " +
                $"{Spread.Of(ratios.Select(r => figure(r.Many) / figure(r.One))).Format("0.00")} |");
        Row("leases granted/s", r => r.LeasesPerSecond);
        Row("leases redeemed/s", r => r.RedeemedPerSecond);
        Row("containers finished/s", r => r.FinishedPerSecond);
        Row("silo cores busy", r => r.Window.SiloCores);
        Row("silo CPU per lease redeemed (ms)", r => r.SiloCpuPerLease);
        Row("the same, less the idle silos' (ms)", r => r.LoadCpuPerLease);
        Row("others' cores (the neighbours)", r => r.Window.OtherCores);
        Row("machine cores busy", r => r.Window.MachineCores);
        foreach (var error in results.Select(r => r.FirstError).OfType<string>().Distinct().Take(3))
        {
            output.WriteLine($"first client error: {error}");
        }
    }

    private static void PrintFailovers(IReadOnlyList<FailoverResult> results, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("## Failover after SIGKILL of one silo");
        foreach (var timings in results.Select(r => r.Plan.Timings).Distinct())
        {
            output.WriteLine();
            output.WriteLine($"{timings.Name}: {timings.Describe()}");
        }

        output.WriteLine();
        output.WriteLine("| round | timings | killed | its containers | Lost reports: killed node / elsewhere | grains its silo held | (a) every grain answers | grains that failed a call (answered again at) | node unreachable (deadline from) | (b) first Lost | all Lost | all relaunched elsewhere | all running again | load avg before → after |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var outages = r.Grains is null ? "not probed"
                : r.Grains.Outages.Length == 0 ? "none" : string.Join(", ", r.Grains.Outages.Select(o => $"{o.Grain} ({FailoverPhase.Seconds(o.AnsweredAgain)})"));
            var c = r.Recovery;
            output.WriteLine($"| {r.Round} | {r.Plan.Name} | {r.Killed.Value} | {r.Containers} ({c.Lost} Lost{(c.EndedOtherwise > 0 ? $", {c.EndedOtherwise} ended otherwise" : string.Empty)}) | {c.LostOnKilledNode} / {c.LostElsewhere} | {(r.GrainsOnKilled.Length == 0 ? "none" : string.Join(", ", r.GrainsOnKilled))} | " +
                $"{(r.Grains is null ? "–" : FailoverPhase.Seconds(r.Grains.AllAnswered))} | {outages} | " +
                $"{FailoverPhase.Seconds(r.Unreachable.At)} ({FailoverPhase.Seconds(r.Unreachable.LastHeartbeat)}) | {FailoverPhase.Seconds(c.FirstLost)} | {FailoverPhase.Seconds(c.AllLost)} | {FailoverPhase.Seconds(c.AllRelaunched)} | {FailoverPhase.Seconds(c.AllRunning)} | " +
                $"{r.Window.Load1Before:0.0} → {r.Window.Load1After:0.0} |");
        }

        output.WriteLine();
        output.WriteLine("| timings | rounds | (a) every grain answers: median (min–max) | (b) all Lost | all running again |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Plan.Name))
        {
            string S(Func<FailoverResult, TimeSpan?> figure) => Spread.Of(group.Select(r => figure(r)?.TotalSeconds ?? double.NaN)).Format("0.0", " s");
            output.WriteLine($"| {group.Key} | {group.Count()} | {S(r => r.Grains?.AllAnswered)} | {S(r => r.Recovery.AllLost)} | {S(r => r.Recovery.AllRunning)} |");
        }

        output.WriteLine();
        foreach (var r in results)
        {
            output.WriteLine($"round {r.Round} ({r.Plan.Name}), warnings and errors of the surviving silos after the kill: {FailoverPhase.Summarise(r.Problems)}");
        }
    }
}
