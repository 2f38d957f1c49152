using System.Diagnostics;
using OrleansMesos.Benchmarks.Cluster;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// One throughput phase: a fresh cluster of N silos, the frameworks of <see cref="SilosSettings.Throughput"/>, a
/// warm-up, then the measured window; then, with the frameworks gone, the CPU the idle cluster still uses (membership
/// probes, node heartbeats, grain timers). Silos run with the default timings: failure detection plays no part here.
/// </summary>
internal static class ThroughputPhase
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>The cores the silos keep busy on average over <paramref name="length"/>, after a settling pause as long.</summary>
    private static async Task<double> IdleCoresAsync(SiloCluster cluster, TimeSpan length, CancellationToken cancellationToken)
    {
        if (length <= TimeSpan.Zero)
        {
            return double.NaN;
        }

        await Task.Delay(length, cancellationToken);
        var (before, _) = cluster.Cpu();
        var clock = Stopwatch.StartNew();
        await Task.Delay(length, cancellationToken);
        var (after, _) = cluster.Cpu();
        return (after - before) / clock.Elapsed;
    }

    public static async Task<ThroughputResult> RunAsync(SilosSettings settings, int silos, int round, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"-- round {round}, {silos} silo(s): load average {MachineLoad.Now().Load1:0.00}");
        var clock = Stopwatch.StartNew();
        await using var cluster = await SiloCluster.StartAsync(silos, settings.Throughput.Node, SiloTimings.Defaults, $"t{silos}", cancellationToken);
        cluster.Keep = settings.KeepLogs;
        var started = clock.Elapsed;
        var failed = true;
        try
        {
            clock.Restart();
            ThroughputResult result;
            await using (var load = await PhaseLoad.StartAsync(cluster, settings.Throughput, cancellationToken))
            {
                output.WriteLine($"   cluster {cluster.Id} up in {started.TotalSeconds:0.0} s, {settings.Throughput.Frameworks} frameworks connected in {clock.Elapsed.TotalSeconds:0.0} s");
                await load.RunForAsync(settings.WarmUp, ProgressEvery, "warm-up", output, cancellationToken);
                load.Meter.Redeem.Recording = true;
                var window = await load.RunForAsync(settings.Duration, ProgressEvery, "measured", output, cancellationToken);
                load.Meter.Redeem.Recording = false;
                result = new ThroughputResult(round, silos, window, load.Meter.Redeem.Summarise(), load.Meter.FirstError, double.NaN);
            }

            result = result with { IdleSiloCores = await IdleCoresAsync(cluster, settings.Idle, cancellationToken) };
            output.WriteLine($"   => {silos} silo(s): {result.LeasesPerSecond:0.0} leases/s granted, {result.RedeemedPerSecond:0.0} redeemed/s, " +
                $"{result.FinishedPerSecond:0.0} containers finished/s, {result.TasksPerLease:0.00} tasks a lease, {result.SiloCpuPerLease:0.0} ms of silo CPU a lease; " +
                $"idle silos {result.IdleSiloCores:0.00} cores; redeem p50/p99 {result.Redeem}");
            failed = false;
            return result;
        }
        finally
        {
            cluster.Keep |= failed;
            if (failed)
            {
                output.WriteLine($"   phase failed; logs kept in {cluster.Folder}");
            }
        }
    }
}

/// <summary>One throughput phase's measured window.</summary>
/// <param name="IdleSiloCores">Cores the silos kept busy once the frameworks had gone (NaN when not measured).</param>
internal sealed record ThroughputResult(int Round, int Silos, PhaseLoad.Window Window, Percentiles Redeem, string? FirstError, double IdleSiloCores)
{
    public double LeasesPerSecond => Window.PerSecond(Window.Counts.LeasesRead);

    public double RedeemedPerSecond => Window.PerSecond(Window.Counts.Redeemed);

    public double FinishedPerSecond => Window.PerSecond(Window.Counts.Finished);

    public double TasksPerLease => Window.Counts.TasksLeased / (double)Window.Counts.LeasesRead;

    /// <summary>Milliseconds of CPU the silos (with their containers) spent per lease redeemed.</summary>
    public double SiloCpuPerLease => Window.SiloCores * 1000 / RedeemedPerSecond;

    /// <summary>As <see cref="SiloCpuPerLease"/>, less what the silos use when idle.</summary>
    public double LoadCpuPerLease => (Window.SiloCores - IdleSiloCores) * 1000 / RedeemedPerSecond;
}
