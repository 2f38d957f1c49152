using System.Diagnostics;
using OrleansMesos.Grains;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// The lease workload: every framework states its demand and redeems what it is leased; the agents run and
/// finish each container at once, so resources return and are leased again for as long as the phase runs.
/// </summary>
internal static class WorkloadPhase
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(15);

    public static async Task<WorkloadResult> RunAsync(
        ClusterHost host, ClusterSettings settings, IReadOnlyList<BenchFramework> frameworks, ClusterMeter meter,
        CallCounter? calls, StateMeter? states, TextWriter output)
    {
        var demand = settings.Window > 0 ? $"a window of {settings.Window:N0} tasks each, topped up" : "unbounded demand";
        output.WriteLine($"-- lease workload: {frameworks.Count:N0} frameworks, {demand}, {settings.Parallelism} redemption(s) in flight each; " +
            $"{settings.WarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured");
        using var stop = new CancellationTokenSource();
        var redeemers = frameworks.Select(f => f.RunAsync(stop.Token)).ToArray();
        await Task.WhenAll(frameworks.Select(f => f.Grain.SetDemand(f.InitialDemand)));

        await Progress(meter, settings.WarmUp, "warm-up", output);
        var views0 = await Views(host, settings);
        var counts0 = meter.Snapshot();
        var calls0 = calls?.Snapshot();
        var states0 = states?.Snapshot();
        var s0 = Sample.Now();
        meter.Recording = true;
        await Progress(meter, settings.Duration, "measured", output);
        meter.Recording = false;
        var span = Sample.Now().Since(s0);
        var counts = meter.Snapshot() - counts0;
        var callsWindow = calls is null ? null : Diff(calls.Snapshot(), calls0!);
        var statesWindow = states is null ? null : Diff(states.Snapshot(), states0!);
        var viewsTook = Stopwatch.StartNew();
        var views1 = await Views(host, settings);
        output.WriteLine($"-- partition views read in {viewsTook.Elapsed.TotalSeconds:0.0} s");

        // Stop: no more redemptions, no more demand; what is running finishes on its own. An overloaded
        // cluster may take long to answer: give up waiting after a while (the cluster is stopped next).
        var stopping = Stopwatch.StartNew();
        await stop.CancelAsync();
        var drained = await Within(Task.WhenAll(redeemers), StopWait);
        var redeemersTook = stopping.Elapsed;
        var cleared = await Within(Task.WhenAll(frameworks.Select(f => f.Grain.SetDemand([]))), StopWait);
        output.WriteLine($"-- workload stopped: redeemers {(drained ? "done" : "still waiting")} after {redeemersTook.TotalSeconds:0.0} s, " +
            $"demand {(cleared ? "cleared" : "not cleared")} after {(stopping.Elapsed - redeemersTook).TotalSeconds:0.0} s");
        var passes = views1.Sum(v => v.Passes) - views0.Sum(v => v.Passes);
        var grants = views1.Sum(v => v.Grants) - views0.Sum(v => v.Grants);
        var outstanding = views1.Sum(v => v.Leases.Length);
        return new WorkloadResult(counts, span, meter.Redeem.Summarise(), meter.LeaseDelivery.Summarise(), meter.LeaseWait.Summarise(),
            passes, grants, outstanding, callsWindow, statesWindow, meter.FirstError);
    }

    private static async Task Progress(ClusterMeter meter, TimeSpan length, string what, TextWriter output)
    {
        // Steps of about ProgressEvery that add up to the whole length.
        var steps = Math.Max(1, (int)Math.Round(length / ProgressEvery));
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        for (var i = 1; i <= steps; i++)
        {
            var before = meter.Snapshot();
            var s0 = Sample.Now();
            var stepEnd = end - ((steps - i) * (long)(length.TotalSeconds / steps * Stopwatch.Frequency));
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), stepEnd);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var d = meter.Snapshot() - before;
            var span = Sample.Now().Since(s0);
            output.WriteLine($"   {what,-8} {span.Wall.TotalSeconds,4:0.0} s: leases {span.PerSecond(d.LeasesOffered),7:N0}/s, redeemed {span.PerSecond(d.Redeemed),7:N0}/s, " +
                $"finished {span.PerSecond(d.ContainersFinished),7:N0}/s, refused {d.RedeemUnavailable:N0}, rescinded {d.Rescinded:N0}, errors {d.RedeemFailed + d.OtherErrors:N0}; " +
                $"{span.Cores:0.00} cores");
        }
    }

    private static async Task<bool> Within(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<PartitionView[]> Views(ClusterHost host, ClusterSettings settings) =>
        await Task.WhenAll(Enumerable.Range(0, settings.Partitions).Select(p => host.Client.GetGrain<IAllocatorPartitionGrain>(p).GetView()));

    private static Dictionary<string, (long Count, long Ticks)> Diff(Dictionary<string, (long Count, long Ticks)> now, Dictionary<string, (long Count, long Ticks)> before) =>
        now.ToDictionary(kv => kv.Key, kv => before.TryGetValue(kv.Key, out var b) ? (kv.Value.Count - b.Count, kv.Value.Ticks - b.Ticks) : kv.Value);

    private static Dictionary<string, (long Count, long Bytes, long Ticks)> Diff(Dictionary<string, (long Count, long Bytes, long Ticks)> now, Dictionary<string, (long Count, long Bytes, long Ticks)> before) =>
        now.ToDictionary(kv => kv.Key, kv => before.TryGetValue(kv.Key, out var b) ? (kv.Value.Count - b.Count, kv.Value.Bytes - b.Bytes, kv.Value.Ticks - b.Ticks) : kv.Value);
}

/// <summary>The lease workload's figures over the measured window.</summary>
internal sealed record WorkloadResult(
    Counts Counts,
    Sample.Span Span,
    Percentiles Redeem,
    Percentiles LeaseDelivery,
    Percentiles LeaseWait,
    long Passes,
    long EngineGrants,
    int OutstandingLeasesAtEnd,
    Dictionary<string, (long Count, long Ticks)>? Calls,
    Dictionary<string, (long Count, long Bytes, long Ticks)>? States,
    string? FirstError)
{
    public double LeasesPerSecond => Span.PerSecond(Counts.LeasesOffered);

    public double RedeemedPerSecond => Span.PerSecond(Counts.Redeemed);
}
