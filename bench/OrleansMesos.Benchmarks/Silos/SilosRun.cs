using System.Diagnostics;
using OrleansMesos.Testing;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>Runs the throughput rounds (1 silo, then N, each round) and the failover rounds, then prints the figures.</summary>
internal static class SilosRun
{
    public static async Task<int> RunAsync(SilosSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ChildProcesses.KillAllOnExit();
        output.WriteLine($"Silo processes on Redis: .NET {Environment.Version}, {Environment.ProcessorCount} cores (shared by every silo, redis-server and this process), " +
            $"load average {MachineLoad.Now().Load1:0.00} at the start; omsilo {Omsilo.Dll}");
        var clock = Stopwatch.StartNew();
        var throughput = new List<ThroughputResult>();
        var failovers = new List<FailoverResult>();
        try
        {
            if (settings.Rounds > 0)
            {
                output.WriteLine($"Throughput: {settings.Throughput}; {settings.WarmUp.TotalSeconds:0} s warm-up, {settings.Duration.TotalSeconds:0} s measured; " +
                    $"1 silo, then {settings.Silos}, each round; a fresh redis-server (appendonly yes, appendfsync always) and cluster id per phase");
                for (var round = 1; round <= settings.Rounds; round++)
                {
                    throughput.Add(await ThroughputPhase.RunAsync(settings, 1, round, output, cancellationToken));
                    throughput.Add(await ThroughputPhase.RunAsync(settings, settings.Silos, round, output, cancellationToken));
                }
            }

            FailoverPlan[] plans =
            [
                .. Enumerable.Repeat(new FailoverPlan(SiloTimings.Fast, settings.FastBound, Probe: true), settings.FailoverRounds),
                .. Enumerable.Repeat(new FailoverPlan(SiloTimings.Defaults, settings.DefaultBound, Probe: true), settings.DefaultRounds),
                .. Enumerable.Repeat(new FailoverPlan(SiloTimings.Defaults, settings.DefaultBound, Probe: false), settings.UnprobedRounds),
            ];
            if (plans.Length > 0)
            {
                output.WriteLine($"Failover: {settings.Silos} silos, {settings.Failover}; probe: a call to every grain every {GrainProbe.Interval.TotalMilliseconds:0} ms, each with a timeout of {GrainProbe.CallTimeout.TotalSeconds:0.#} s");
                for (var i = 0; i < plans.Length; i++)
                {
                    failovers.Add(await FailoverPhase.RunAsync(settings, plans[i], i + 1, output, cancellationToken));
                }
            }
        }
        finally
        {
            // Every phase kills its own; this is for a phase that threw past its own cleanup.
            ChildProcesses.KillAll();
        }

        SilosReport.Print(settings, throughput, failovers, output);
        output.WriteLine($"-- done in {clock.Elapsed.TotalMinutes:0.0} min; load average {MachineLoad.Now().Load1:0.00} at the end");
        return 0;
    }
}
