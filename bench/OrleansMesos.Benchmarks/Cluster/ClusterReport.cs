namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>The figures of a run: the table, where the calls and state writes go, and a one-line summary.</summary>
internal static class ClusterReport
{
    /// <summary>The aim on a 2-core machine, end to end.</summary>
    public const double AimLeasesPerSecond = 10_000;

    public static void Print(ClusterSettings settings, WorkloadResult w, NoopResult? noop, TextWriter output)
    {
        var c = w.Counts;
        var secs = w.Span.Wall.TotalSeconds;
        output.WriteLine();
        output.WriteLine($"== Results over {secs:0.0} s measured");
        var rows = new List<(string, string)>
        {
            ("leases granted (delivered to frameworks)", $"{w.LeasesPerSecond:N0}/s ({w.Span.PerSecond(c.TasksOffered):N0} tasks/s, {(c.LeasesOffered == 0 ? 0 : (double)c.TasksOffered / c.LeasesOffered):0.00} tasks a lease)"),
            ("leases redeemed", $"{w.RedeemedPerSecond:N0}/s ({w.Span.PerSecond(c.ContainersLaunched):N0} containers/s)"),
            ("containers finished and acknowledged", $"{w.Span.PerSecond(c.ContainersFinished):N0}/s finished, {w.Span.PerSecond(c.Acknowledged):N0}/s acks"),
            ("redeem latency p50 / p99", w.Redeem.ToString()),
            ("lease latency p50 / p99 (grant to framework client)", w.LeaseDelivery.ToString()),
            ("lease wait in the client p50 / p99 (to redeem start)", w.LeaseWait.ToString()),
            ("redeems refused (lease expired or gone) / failed", $"{c.RedeemUnavailable:N0} / {c.RedeemFailed:N0}; leases rescinded {c.Rescinded:N0}; other errors {c.OtherErrors:N0}"),
            ("allocation passes", $"{w.Span.PerSecond(w.Passes):N0}/s, {(w.Passes == 0 ? 0 : (double)w.EngineGrants / w.Passes):0.0} task grants a pass; {w.OutstandingLeasesAtEnd:N0} leases outstanding at the end"),
        };
        if (settings.Window > 0)
        {
            rows.Add(("demand top-ups (SetDemand)", $"{w.Span.PerSecond(c.DemandUpdates):N0}/s"));
        }

        rows.Add(("process", w.Span.ToString()));
        if (noop is not null)
        {
            rows.Add(($"no-op calls ({noop.Concurrency:N0} callers), p50 / p99", $"{noop.CallsPerSecond:N0}/s, {noop.Latency}"));
            rows.Add(("leases redeemed / no-op calls", $"{w.RedeemedPerSecond / noop.CallsPerSecond:0.0000} (1 : {noop.CallsPerSecond / Math.Max(1e-9, w.RedeemedPerSecond):0.0})"));
            rows.Add(("no-op process", noop.Span.ToString()));
        }

        rows.Add(("against the aim of 10,000 leases/s", $"{w.RedeemedPerSecond / AimLeasesPerSecond:P1}"));
        Table(output, ["figure", "value"], rows.Select(r => new[] { r.Item1, r.Item2 }));

        if (w.Calls is { } calls && c.Redeemed > 0)
        {
            var total = calls.Values.Sum(v => v.Count);
            output.WriteLine();
            output.WriteLine($"== Grain calls in the window: {total:N0} ({w.Span.PerSecond(total):N0}/s, {(double)total / c.Redeemed:0.0} per redeemed lease)" +
                (noop?.SiloCallsPerSecond is { } n ? $"; the no-op phase had the silo handle {n:N0} calls/s" : string.Empty));
            Table(output, ["method", "calls", "per lease", "mean wall time (awaits inside included)"],
                calls.Where(kv => kv.Value.Count > 0).OrderByDescending(kv => kv.Value.Count).Select(kv => new[]
                {
                    kv.Key,
                    kv.Value.Count.ToString("N0"),
                    ((double)kv.Value.Count / c.Redeemed).ToString("0.00"),
                    Percentiles.Ms(TimeSpan.FromTicks(Ticks(kv.Value.Ticks) / kv.Value.Count).TotalMilliseconds),
                }));
            output.WriteLine($"Calls into the client (observer calls: leases, status updates, launches): {c.ObserverCalls:N0}, " +
                $"{(double)c.ObserverCalls / c.Redeemed:0.00} per lease on top of the grain calls.");
        }

        if (w.States is { } states && c.Redeemed > 0 && !settings.NullStorage)
        {
            output.WriteLine();
            output.WriteLine("== State writes in the window (memory storage: serialise the whole state, then a call to a storage grain)");
            Table(output, ["state", "writes", "per lease", "mean size", "bytes per lease", "wall time in Serialize (GC pauses, preemption included)"],
                states.Where(kv => kv.Value.Count > 0).OrderByDescending(kv => kv.Value.Bytes).Select(kv => new[]
                {
                    kv.Key,
                    kv.Value.Count.ToString("N0"),
                    ((double)kv.Value.Count / c.Redeemed).ToString("0.00"),
                    Bytes((double)kv.Value.Bytes / kv.Value.Count),
                    Bytes((double)kv.Value.Bytes / c.Redeemed),
                    $"{TimeSpan.FromTicks(Ticks(kv.Value.Ticks)).TotalSeconds:0.00} s",
                }));
        }

        if (w.FirstError is { } error)
        {
            output.WriteLine($"First error: {error}");
        }

        output.WriteLine();
        var ratio = noop is null ? string.Empty : $"; no-op {noop.CallsPerSecond:N0} calls/s, ratio {w.RedeemedPerSecond / noop.CallsPerSecond:0.0000}";
        output.WriteLine($"Summary: {w.LeasesPerSecond:N0} leases granted/s, {w.RedeemedPerSecond:N0} redeemed/s, redeem p50 {Percentiles.Ms(w.Redeem.P50)} p99 {Percentiles.Ms(w.Redeem.P99)}{ratio} " +
            $"({settings.Nodes:N0} nodes × {settings.Frameworks:N0} frameworks, {settings.Partitions} partitions, {settings.Silos} silo(s); aim {AimLeasesPerSecond:N0}/s)");
    }

    /// <summary>Stopwatch ticks to TimeSpan ticks.</summary>
    private static long Ticks(long stopwatchTicks) => (long)(stopwatchTicks * (double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency);

    private static string Bytes(double b) => b switch
    {
        < 1024 => $"{b:0} B",
        < 1024 * 1024 => $"{b / 1024:0.0} KiB",
        _ => $"{b / (1024 * 1024):0.00} MiB",
    };

    private static void Table(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var (row, index) in all.Select((r, i) => (r, i)))
        {
            output.WriteLine("| " + string.Join(" | ", row.Select((cell, i) => cell.PadRight(widths[i]))) + " |");
            if (index == 0)
            {
                output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            }
        }
    }
}
