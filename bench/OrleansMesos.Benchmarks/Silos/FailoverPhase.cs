using System.Diagnostics;
using OrleansMesos.Grains.Options;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// One failover round: a fresh cluster of N silos under the steady workload of <see cref="SilosSettings.Failover"/>;
/// once every task runs, the silo whose node runs most of them is killed with SIGKILL. Measured from the kill:
/// (a) when every node, partition and framework grain answers again (<see cref="GrainProbe"/>), and (b) when the
/// killed node's containers are reported Lost to their frameworks and their tasks run again on another node.
/// </summary>
internal static class FailoverPhase
{
    private static readonly TimeSpan SteadyBound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<FailoverResult> RunAsync(SilosSettings settings, FailoverPlan plan, int round, TextWriter output, CancellationToken cancellationToken)
    {
        var (timings, bound) = (plan.Timings, plan.Bound);
        output.WriteLine($"-- failover round {round}, {plan.Name}: load average {MachineLoad.Now().Load1:0.00}");
        var shape = settings.Failover;
        await using var cluster = await SiloCluster.StartAsync(settings.Silos, shape.Node, timings, $"f{round}{timings.Name[0]}", cancellationToken);
        cluster.Keep = settings.KeepLogs;
        var failed = true;
        try
        {
            await using var load = await PhaseLoad.StartAsync(cluster, shape, cancellationToken);
            await SteadyAsync(load, shape, output, cancellationToken);

            // The victim: the node running most of the tasks (the last of equals). Where the grains are is read first;
            // the victim's containers just before the kill, since tasks keep finishing and starting.
            var victim = cluster.Silos.MaxBy(s => (load.Frameworks.Sum(f => f.LiveOn(s.Node).Count), s.Node.Value))!;
            var probe = new GrainProbe(cluster.Grains, cluster.Silos.Select(s => s.Node), new OrleansMesosOptions().Partitions, load.Frameworks.Select(f => f.Id));
            var hosts = await probe.LocateAsync(cluster.Silos);
            string[] onVictim = [.. hosts.Where(h => h.Value == victim.Node.Value).Select(h => h.Key)];
            var before = load.Read();
            var seenAt = Stopwatch.GetTimestamp();
            var victims = load.Frameworks.SelectMany(f => f.LiveOn(victim.Node).Select(a => (Framework: f, Attempt: a))).ToArray();
            var spread = string.Join(", ", cluster.Silos.Select(s => $"{s.Node.Value} {load.Frameworks.Sum(f => f.LiveOn(s.Node).Count)}"));

            victim.Kill();
            var killedAt = Stopwatch.GetTimestamp();
            var killedClock = DateTimeOffset.UtcNow;
            output.WriteLine($"   SIGKILL {victim.Node.Value} (pid {victim.Process.Id}) running {victims.Length} containers (containers by node: {spread}); " +
                $"grains it held: {(onVictim.Length == 0 ? "none" : string.Join(", ", onVictim))}{(plan.Probe ? $"; probing {probe.Grains} grains" : "; not probing")}");
            var recovery = WatchAsync(victims, victim.Node, load.Frameworks, seenAt, killedAt, bound, cancellationToken);
            var grains = plan.Probe ? await probe.RunAsync(killedAt, bound, cancellationToken) : null;
            var rerun = await recovery;
            var window = load.Read().Since(before);
            var problems = cluster.Silos.Where(s => s != victim).SelectMany(s => s.ProblemsSince(killedAt).Select(p => (s.Node, Entry: p))).ToArray();
            var unreachable = Unreachable(problems.Select(p => p.Entry), victim.Node, killedAt, killedClock);
            var result = new FailoverResult(round, plan, victim.Node, victims.Length, onVictim, grains, rerun, unreachable, window,
                [.. problems.Select(p => $"{p.Node.Value} {p.Entry.Level}: {p.Entry.Category}: {p.Entry.Message}")]);
            if (grains is not null)
            {
                output.WriteLine($"   => (a) every grain answered {Seconds(grains.AllAnswered)} after the kill ({grains.Outages.Length} of {grains.Grains} grains failed a call: " +
                    $"{string.Join("; ", grains.Outages.Select(o => $"{o.Grain} (on {hosts.GetValueOrDefault(o.Grain, "?")}) back at {Seconds(o.AnsweredAgain)} after {o.Errors}"))})");
            }

            output.WriteLine($"   => (b) {rerun.Lost} of {victims.Length} Lost: first {Seconds(rerun.FirstLost)}, all {Seconds(rerun.AllLost)}; " +
                $"relaunched elsewhere {Seconds(rerun.AllRelaunched)}, all running again {Seconds(rerun.AllRunning)}" +
                (rerun.EndedOtherwise > 0 ? $"; {rerun.EndedOtherwise} ended otherwise" : string.Empty) +
                $"; Lost reports after the kill: {rerun.LostOnKilledNode} on {victim.Node.Value} (containers launched there as it died included), {rerun.LostElsewhere} elsewhere; " +
                $"Failed or Killed: {window.Counts.FailedOrKilled}");
            output.WriteLine($"   node {victim.Node.Value} judged unreachable {Seconds(unreachable.At)} after the kill, its deadline counted from {Seconds(unreachable.LastHeartbeat)} " +
                "(the last heartbeat the grain knew, or its activation after the kill)");
            output.WriteLine($"   silo log lines after the kill (surviving silos): {Summarise(result.Problems)}");
            failed = (grains is not null && grains.AllAnswered is null) || (rerun.Lost > 0 && rerun.AllRunning is null) || rerun.Lost + rerun.EndedOtherwise < victims.Length;
            return result;
        }
        finally
        {
            cluster.Keep |= failed;
            if (failed)
            {
                output.WriteLine($"   round did not complete; logs kept in {cluster.Folder}");
            }
        }
    }

    /// <summary>"none", or each distinct level and category with its count.</summary>
    public static string Summarise(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? "none" : string.Join("; ", problems.Select(p => p[..Math.Min(p.Length, 160)]).GroupBy(p => p).OrderByDescending(g => g.Count()).Take(6).Select(g => $"{g.Count()}× {g.Key}"));

    /// <summary>
    /// When the surviving silos logged the killed node unreachable, and the last heartbeat that node grain went by (its
    /// activation time when it came back after the kill: a node grain gives its agent a full deadline), both from the kill.
    /// </summary>
    private static Unreachability Unreachable(IEnumerable<LogEntry> problems, NodeId node, long killedAt, DateTimeOffset killedClock)
    {
        var prefix = $"Node {node.Value} is unreachable: last heartbeat ";
        var entry = problems.Where(p => p.Category.EndsWith(".NodeGrain", StringComparison.Ordinal) && p.Message.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(p => p.Timestamp).FirstOrDefault();
        if (entry.Message is null)
        {
            return new Unreachability(null, null);
        }

        TimeSpan? last = DateTimeOffset.TryParse(entry.Message[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var heartbeat)
            ? heartbeat - killedClock : null;
        return new Unreachability(Stopwatch.GetElapsedTime(killedAt, entry.Timestamp), last);
    }

    public static string Seconds(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:0.0} s" : "not within the bound";

    /// <summary>Waits until every framework has its whole window running, then one task length more.</summary>
    private static async Task SteadyAsync(PhaseLoad load, LoadShape shape, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var want = shape.Frameworks * shape.Window;
        while (load.Frameworks.Sum(f => f.Live().Running) < want)
        {
            if (clock.Elapsed > SteadyBound)
            {
                throw new TimeoutException($"{load.Frameworks.Sum(f => f.Live().Running)} of {want} tasks running after {SteadyBound.TotalSeconds:0} s; first error: {load.Meter.FirstError ?? "none"}");
            }

            await Task.Delay(250, cancellationToken);
        }

        output.WriteLine($"   all {want} tasks running after {clock.Elapsed.TotalSeconds:0.0} s; steady for another task length");
        await load.RunForAsync(TaskLength(shape), TimeSpan.FromSeconds(5), "steady", output, cancellationToken);
    }

    /// <summary>The task's sleep, when its command is <c>sleep N</c>; else 5 s.</summary>
    private static TimeSpan TaskLength(LoadShape shape) =>
        shape.Command is ["sleep", var s] && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(5);

    /// <summary>
    /// Follows the killed node's attempts until each ended and each lost task runs again (a later attempt reported
    /// Running). Events count from <paramref name="seenAt"/>, when the attempts were read (one may finish before the
    /// kill); times from <paramref name="killedAt"/>. At the end, every Lost report after the kill is counted by node.
    /// </summary>
    private static async Task<Recovery> WatchAsync(
        (LoadFramework Framework, Attempt Attempt)[] victims, NodeId killed, IReadOnlyList<LoadFramework> frameworks, long seenAt, long killedAt, TimeSpan bound, CancellationToken cancellationToken)
    {
        TimeSpan At(long timestamp) => Stopwatch.GetElapsedTime(killedAt, timestamp);
        while (true)
        {
            var ends = new List<(ContainerState State, TimeSpan At)>();
            var relaunched = new List<TimeSpan?>();
            var running = new List<TimeSpan?>();
            foreach (var group in victims.GroupBy(v => v.Framework))
            {
                var events = group.Key.Events().Where(e => e.Timestamp >= seenAt).ToArray();
                foreach (var (_, attempt) in group)
                {
                    var end = events.FirstOrDefault(e => e.Container == attempt.Container && e.State.IsTerminal());
                    if (end.Container.Value is null)
                    {
                        continue;
                    }

                    ends.Add((end.State, At(end.Timestamp)));
                    if (end.State != ContainerState.Finished)
                    {
                        TimeSpan? First(ContainerState state) => events.Where(e => e.Task == attempt.Task && e.Attempt > attempt.Number && e.State == state)
                            .Select(e => (TimeSpan?)At(e.Timestamp)).FirstOrDefault();
                        relaunched.Add(First(ContainerState.Staging));
                        running.Add(First(ContainerState.Running));
                    }
                }
            }

            var lost = ends.Where(e => e.State == ContainerState.Lost).Select(e => e.At).ToArray();
            var allEnded = ends.Count == victims.Length;
            var done = allEnded && running.All(r => r is not null);
            if (done || Stopwatch.GetElapsedTime(killedAt) > bound)
            {
                var lostReports = frameworks.SelectMany(f => f.Events()).Where(e => e.Timestamp >= killedAt && e.State == ContainerState.Lost).ToArray();
                return new Recovery(
                    lost.Length,
                    ends.Count(e => e.State != ContainerState.Lost),
                    lost.Length > 0 ? lost.Min() : null,
                    allEnded && lost.Length > 0 ? lost.Max() : null,
                    done ? relaunched.Max() : null,
                    done ? running.Max() : null,
                    lostReports.Count(e => e.Node == killed),
                    lostReports.Count(e => e.Node != killed));
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}

/// <summary>
/// What became of the killed node's containers, from the kill: how many were reported Lost (and how many ended
/// otherwise), the first and last Lost report, and when the last lost task was relaunched (its redemption returned)
/// and reported Running on another node (null: not within the bound); and every Lost report after the kill, on the
/// killed node (its containers launched as it died included) and on any other node (which should be none).
/// </summary>
internal sealed record Recovery(
    int Lost, int EndedOtherwise, TimeSpan? FirstLost, TimeSpan? AllLost, TimeSpan? AllRelaunched, TimeSpan? AllRunning, int LostOnKilledNode, int LostElsewhere);

/// <summary>How a failover round runs: its timings, how long it may take, and whether the grains are probed.</summary>
/// <param name="Probe">
/// Probe the grains while the cluster recovers. The probe calls every node grain, which brings back at once the
/// grain of a node whose silo was killed; without callers its reminder does (<c>NodeWatchPeriod</c>).
/// </param>
internal sealed record FailoverPlan(SiloTimings Timings, TimeSpan Bound, bool Probe)
{
    public string Name => Probe ? Timings.Name : $"{Timings.Name}, unprobed";
}

/// <summary>When the killed node was judged unreachable, and the heartbeat time its grain counted from (both from the kill; null: not logged).</summary>
internal sealed record Unreachability(TimeSpan? At, TimeSpan? LastHeartbeat);

/// <summary>One failover round: the node killed, its containers, the grains its silo held, and what was measured.</summary>
internal sealed record FailoverResult(
    int Round, FailoverPlan Plan, NodeId Killed, int Containers, string[] GrainsOnKilled, ProbeResult? Grains, Recovery Recovery, Unreachability Unreachable,
    PhaseLoad.Window Window, string[] Problems);
