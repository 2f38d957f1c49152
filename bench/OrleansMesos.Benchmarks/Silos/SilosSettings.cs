namespace OrleansMesos.Benchmarks.Silos;

/// <summary>What the <c>silos</c> command runs.</summary>
/// <param name="Rounds">Rounds of the throughput comparison; each runs 1 silo, then <paramref name="Silos"/>.</param>
/// <param name="Silos">Silos of the larger throughput phase and of the failover rounds.</param>
/// <param name="Throughput">The throughput workload: frameworks, window, task and node shapes, command.</param>
/// <param name="WarmUp">Unmeasured time before each measured throughput window.</param>
/// <param name="Duration">Measured time of each throughput phase.</param>
/// <param name="Idle">How long the idle cluster's CPU is read after each throughput phase (after a pause as long); zero for not.</param>
/// <param name="FailoverRounds">Failover rounds with the fast timings of <see cref="SiloTimings.Fast"/>.</param>
/// <param name="DefaultRounds">Failover rounds with the defaults (<see cref="SiloTimings.Defaults"/>).</param>
/// <param name="UnprobedRounds">Failover rounds with the defaults and no grain probe: nothing calls the grains but the cluster and its frameworks.</param>
/// <param name="Failover">The steady workload a silo is killed under.</param>
/// <param name="FastBound">How long a fast-timings failover round may take before it is given up.</param>
/// <param name="DefaultBound">How long a default-timings failover round may take before it is given up.</param>
/// <param name="KeepLogs">Keep every phase's folder (silo logs, sandboxes) instead of only a failed phase's.</param>
internal sealed record SilosSettings(
    int Rounds,
    int Silos,
    LoadShape Throughput,
    TimeSpan WarmUp,
    TimeSpan Duration,
    TimeSpan Idle,
    int FailoverRounds,
    int DefaultRounds,
    int UnprobedRounds,
    LoadShape Failover,
    TimeSpan FastBound,
    TimeSpan DefaultBound,
    bool KeepLogs);

/// <summary>A workload: how many frameworks, what each keeps in flight, what a task is and runs, what a node offers.</summary>
/// <param name="Frameworks">Frameworks, each an Orleans client of its own through the client SDK.</param>
/// <param name="Window">Tasks each framework keeps waiting, leased or running.</param>
/// <param name="Parallelism">Leases each framework redeems at once.</param>
/// <param name="Task">The resources of one task (one container).</param>
/// <param name="Command">The container's program and its arguments (the process runtime runs it for real).</param>
/// <param name="Node">What each silo's node offers (<c>omsilo --resources</c>).</param>
internal sealed record LoadShape(int Frameworks, int Window, int Parallelism, Resources Task, string[] Command, string Node)
{
    public override string ToString() =>
        $"{Frameworks} frameworks × a window of {Window} tasks ({Parallelism} redemptions in flight each), tasks of {Task} running '{string.Join(' ', Command)}', nodes of {Node}";
}
