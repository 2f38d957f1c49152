using System.Diagnostics;
using Orleans;
using OrleansMesos.Grains;
using OrleansMesos.Grains.Options;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>Starts the cluster, registers the nodes and frameworks, runs the no-op baseline and the lease workload, prints the figures.</summary>
internal static class ClusterRun
{
    public static async Task<int> RunAsync(ClusterSettings settings, TextWriter output)
    {
        output.WriteLine($"Cluster load on .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
            $"concurrent GC {System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch}");
        output.WriteLine($"{settings.Silos} silo(s), {settings.Partitions} partitions, {settings.Nodes:N0} nodes of {settings.NodeCapacity}, " +
            $"{settings.Frameworks:N0} frameworks, tasks of {settings.Task} ({settings.Slots:N0} task slots), lease lifetime {settings.LeaseTtl.TotalSeconds:0.#} s, " +
            $"grain storage {(settings.NullStorage ? "none (diagnostic)" : "memory")}");
        var calls = settings.CountCalls ? new CallCounter() : null;
        var states = settings.CountCalls ? new StateMeter() : null;
        var meter = new ClusterMeter();
        var started = Stopwatch.StartNew();
        var host = await ClusterHost.StartAsync(settings, calls, states);
        try
        {
            output.WriteLine($"-- cluster started in {started.Elapsed.TotalSeconds:0.0} s");
            var (agents, frameworks) = await Register(host.Client, settings, meter, output);
            using var stopHeartbeats = new CancellationTokenSource();
            var heartbeats = Heartbeats(host.Client, settings.Nodes, stopHeartbeats.Token);
            var noop = settings.Noop
                ? await NoopPhase.RunAsync(host.Client, settings.Concurrency, settings.WarmUp, settings.Duration, calls, output)
                : null;
            var workload = await WorkloadPhase.RunAsync(host, settings, frameworks, meter, calls, states, output);
            await stopHeartbeats.CancelAsync();
            await heartbeats;
            GC.KeepAlive(agents);
            ClusterReport.Print(settings, workload, noop, output);
            return 0;
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await host.DisposeAsync();
            output.WriteLine($"-- cluster stopped in {stopping.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>
    /// The agents' heartbeats, one a node every heartbeat interval (one-way calls): a node that misses
    /// five is judged unreachable and takes no more work.
    /// </summary>
    private static async Task Heartbeats(IClusterClient client, int nodes, CancellationToken cancellationToken)
    {
        var grains = Enumerable.Range(0, nodes).Select(i => client.GetGrain<INodeGrain>(NodeName(i))).ToArray();
        using var timer = new PeriodicTimer(new OrleansMesosOptions().HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var grain in grains)
                {
                    _ = grain.Heartbeat();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static string NodeName(int i) => $"node-{i:D5}";

    /// <summary>Registers every node with an agent of its own and every framework with its driver; the references are kept alive by the caller.</summary>
    private static async Task<(BenchAgent[] Agents, BenchFramework[] Frameworks)> Register(IClusterClient client, ClusterSettings settings, ClusterMeter meter, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var agents = new BenchAgent[settings.Nodes];
        var registrations = new List<Task>(settings.Nodes);
        for (var i = 0; i < settings.Nodes; i++)
        {
            agents[i] = new BenchAgent(client, meter);
            var node = new NodeId(NodeName(i));
            var agent = client.CreateObjectReference<INodeAgent>(agents[i]);
            registrations.Add(client.GetGrain<INodeGrain>(node.Value).Register(new NodeRegistration(node, settings.NodeCapacity, [], agent)));
        }

        await Task.WhenAll(registrations);
        var nodesTook = watch.Elapsed;
        watch.Restart();
        var frameworks = new BenchFramework[settings.Frameworks];
        for (var i = 0; i < settings.Frameworks; i++)
        {
            var id = new FrameworkId($"fw-{i:D4}");
            frameworks[i] = new BenchFramework(id, client.GetGrain<IFrameworkGrain>(id.Value), settings, meter);
        }

        await Task.WhenAll(frameworks.Select(f => f.Grain.Register(
            new FrameworkRegistration(f.Id, f.Id.Value, new RoleName("default"), "bench", GpuCapable: false, FailoverTimeout: TimeSpan.FromMinutes(5)),
            client.CreateObjectReference<IFrameworkObserver>(f))));
        output.WriteLine($"-- registered {settings.Nodes:N0} nodes in {nodesTook.TotalSeconds:0.00} s and {settings.Frameworks:N0} frameworks in {watch.Elapsed.TotalSeconds:0.00} s");
        return (agents, frameworks);
    }
}
