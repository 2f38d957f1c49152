using System.Diagnostics;
using OrleansMesos.Benchmarks.Cluster;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// The frameworks of one phase and the CPU they and the cluster use: connects them, runs them until stopped, and
/// reads counts and CPU (this process, the silos, redis-server, the whole machine) for a window.
/// </summary>
internal sealed class PhaseLoad : IAsyncDisposable
{
    private readonly SiloCluster _cluster;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private PhaseLoad(SiloCluster cluster, LoadFramework[] frameworks, LoadMeter meter)
    {
        _cluster = cluster;
        Frameworks = frameworks;
        Meter = meter;
    }

    public IReadOnlyList<LoadFramework> Frameworks { get; }

    public LoadMeter Meter { get; }

    /// <summary>Connects <see cref="LoadShape.Frameworks"/> frameworks (f1…fN), each through an Orleans client of its own, and starts them.</summary>
    public static async Task<PhaseLoad> StartAsync(SiloCluster cluster, LoadShape shape, CancellationToken cancellationToken)
    {
        var meter = new LoadMeter();
        var frameworks = await Task.WhenAll(Enumerable.Range(1, shape.Frameworks)
            .Select(i => LoadFramework.ConnectAsync(cluster.Connection, $"f{i}", shape, meter, cancellationToken)));
        var load = new PhaseLoad(cluster, frameworks, meter);
        load._running = Task.WhenAll(frameworks.Select(f => f.RunAsync(load._stop.Token)));
        return load;
    }

    public Reading Read() => new(Meter.Snapshot(), Sample.Now(), _cluster.Cpu(), MachineLoad.Now());

    /// <summary>Waits <paramref name="length"/>, printing the rates in steps of about <paramref name="every"/>; returns the whole window.</summary>
    public async Task<Window> RunForAsync(TimeSpan length, TimeSpan every, string what, TextWriter output, CancellationToken cancellationToken)
    {
        var first = Read();
        var start = Stopwatch.GetTimestamp();
        var steps = Math.Max(1, (int)Math.Round(length / every));
        var last = first;
        for (var i = 1; i <= steps; i++)
        {
            var wait = (length * i / steps) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var now = Read();
            var step = now.Since(last);
            output.WriteLine($"   {what,-8} {step.Wall.TotalSeconds,4:0.0} s: leases {step.PerSecond(step.Counts.LeasesRead),6:0.0}/s, redeemed {step.PerSecond(step.Counts.Redeemed),6:0.0}/s, " +
                $"finished {step.PerSecond(step.Counts.Finished),6:0.0}/s, declined {step.Counts.Declined}, refused {step.Counts.RedeemRefused}, errors {step.Counts.RedeemFailed + step.Counts.ClientErrors}; " +
                $"cores: silos {step.SiloCores:0.00}, redis {step.RedisCores:0.00}, bench {step.BenchCores:0.00}, machine {step.MachineCores:0.00}");
            last = now;
        }

        return last.Since(first);
    }

    /// <summary>Stops the frameworks (their demand cleared) and disconnects them, each within a bound.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // A framework still waiting on the cluster: the cluster is killed next.
        }

        await Task.WhenAll(Frameworks.Select(f => f.DisposeAsync().AsTask()));
        _stop.Dispose();
    }

    /// <summary>Counts and CPU at one moment.</summary>
    public readonly record struct Reading(LoadCounts Counts, Sample Bench, (TimeSpan Silos, TimeSpan Redis) Cluster, MachineLoad Machine)
    {
        public Window Since(Reading start)
        {
            var bench = Bench.Since(start.Bench);
            var wall = bench.Wall;
            return new Window(Counts - start.Counts, wall, bench.Cpu / wall, (Cluster.Silos - start.Cluster.Silos) / wall,
                (Cluster.Redis - start.Cluster.Redis) / wall, Machine.BusyCoresSince(start.Machine), start.Machine.Load1, Machine.Load1);
        }
    }

    /// <summary>What one window counted, and the cores busy on average: this process, the silos, redis-server, the whole machine.</summary>
    public readonly record struct Window(LoadCounts Counts, TimeSpan Wall, double BenchCores, double SiloCores, double RedisCores, double MachineCores, double Load1Before, double Load1After)
    {
        public double PerSecond(long count) => count / Wall.TotalSeconds;

        /// <summary>Cores busy with something else than this benchmark: the neighbours.</summary>
        public double OtherCores => MachineCores - BenchCores - SiloCores - RedisCores;
    }
}
