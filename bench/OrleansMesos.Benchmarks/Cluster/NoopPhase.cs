using System.Diagnostics;
using Orleans;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// The Orleans ceiling: <c>concurrency</c> callers, each calling <see cref="INoopGrain.Ping"/> on a grain of its
/// own in a loop, from the same client the frameworks and agents use, on the same cluster.
/// </summary>
internal static class NoopPhase
{
    public static async Task<NoopResult> RunAsync(IClusterClient client, int concurrency, TimeSpan warmUp, TimeSpan duration, CallCounter? calls, TextWriter output)
    {
        output.WriteLine($"-- no-op baseline: {concurrency:N0} callers, {warmUp.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured");
        long count = 0;
        var latency = new LatencyRecorder();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var grain = client.GetGrain<INoopGrain>(i);
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await grain.Ping();
                latency.Since(start);
                Interlocked.Increment(ref count);
            }
        })).ToArray();

        await Task.Delay(warmUp);
        var calls0 = calls?.Snapshot();
        var c0 = Interlocked.Read(ref count);
        var s0 = Sample.Now();
        latency.Recording = true;
        await Task.Delay(duration);
        latency.Recording = false;
        var span = Sample.Now().Since(s0);
        var c1 = Interlocked.Read(ref count);
        var calls1 = calls?.Snapshot();
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        var silo = calls0 is null ? (long?)null : calls1!.Values.Sum(v => v.Count) - calls0.Values.Sum(v => v.Count);
        var result = new NoopResult(concurrency, span.PerSecond(c1 - c0), latency.Summarise(), span, silo is { } s ? span.PerSecond(s) : null);
        output.WriteLine($"   {result.CallsPerSecond:N0} calls/s, latency p50 / p99 {result.Latency}; {span}");
        return result;
    }
}

/// <summary>The no-op baseline's figures.</summary>
/// <param name="Concurrency">Callers.</param>
/// <param name="CallsPerSecond">Completed calls a second.</param>
/// <param name="Latency">Call latency.</param>
/// <param name="Span">Wall, CPU and GC over the window.</param>
/// <param name="SiloCallsPerSecond">Grain calls the silos handled a second (when counted): the pings and the cluster's own timers' calls.</param>
internal sealed record NoopResult(int Concurrency, double CallsPerSecond, Percentiles Latency, Sample.Span Span, double? SiloCallsPerSecond);
