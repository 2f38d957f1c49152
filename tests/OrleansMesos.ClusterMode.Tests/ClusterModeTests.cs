using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMesos.Testing;

namespace OrleansMesos.ClusterMode.Tests;

/// <summary>
/// Cluster mode end to end, all real processes: a private redis-server (append-only, fsync always), omsilo
/// processes on Redis clustering and storage (each its own node, process runtime) and the sample framework as a
/// client process writing its journal. While a few hundred short tasks run, a 4th silo joins, one leaves (drain
/// with a deadline), one is killed with SIGKILL and Redis restarts; then the journal, node books sampled all along
/// and the state a fresh silo reads back from Redis must show nothing lost, nothing granted twice, no node over-committed.
/// </summary>
public sealed class ClusterModeTests(ITestOutputHelper output)
{
    private const int Tasks = 400;
    private const string TaskShape = "cpus=0.5,mem=64MiB";
    private const string NodeShape = "cpus=2,mem=2GiB";
    private const int Slots = 4; // NodeShape over TaskShape

    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(1);

    /// <summary>Fast failure detection and short grace periods, so that the test's waits stay short.</summary>
    private static readonly Dictionary<string, string?> Timings = new()
    {
        ["OrleansMesos__Grains__HeartbeatInterval"] = "00:00:00.500",
        ["OrleansMesos__Grains__MissedHeartbeatsLimit"] = "4",
        ["OrleansMesos__Grains__LostGracePeriod"] = "00:00:02",
        ["OrleansMesos__Grains__NodeWatchPeriod"] = "00:00:02",
        ["OrleansMesos__Grains__KillGracePeriod"] = "00:00:02",
        ["OrleansMesos__Membership__ProbeTimeout"] = "00:00:01",
        ["OrleansMesos__Membership__NumMissedProbesLimit"] = "2",
    };

    private readonly List<SiloProcess> _silos = [];
    private readonly List<string> _clientLog = [];
    private string _cluster = string.Empty;
    private string _data = string.Empty;
    private IClusterClient? _grains;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task AWorkload_SurvivesScaleOutDrainCrashAndRedisRestart_WithNothingLostOrGrantedTwice()
    {
        Assert.SkipWhen(RedisServer.SkippedOnPurpose, $"{RedisServer.NoRedisVariable}=1: Redis tests skipped on purpose");

        // Every write in the append-only file, fsynced before Redis answers: what losing nothing across a restart takes.
        await using var redis = await RedisServer.StartAsync(new RedisServerOptions { AppendOnly = true, AppendFsync = "always" }, TestContext.Current.CancellationToken);
        _cluster = "om-mp-" + Guid.NewGuid().ToString("N")[..8];
        _data = Directory.CreateTempSubdirectory("om-mp-").FullName;
        var journalPath = Path.Combine(_data, "journal.jsonl");
        var passed = false;
        try
        {
            // Three silos, each its own node.
            var (s1, s2, s3) = (Start(redis, "n1"), Start(redis, "n2"), Start(redis, "n3"));
            var observer = await ConnectAsync(redis);
            var grains = observer.Services.GetRequiredService<IClusterClient>();
            _grains = grains;
            await WaitFor("three nodes registered and reachable", TimeSpan.FromSeconds(120), async () => await ReachableNodes(grains, "n1", "n2", "n3"));

            // The framework: a client process of its own, finding the gateways it is given.
            using var framework = StartFramework([s1, s2, s3], journalPath);
            var books = new NodeBooks(grains, ["n1", "n2", "n3", "n4"]);
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var sampler = books.SampleAsync(sampling.Token);
            await WaitFor("30 tasks finished", TimeSpan.FromSeconds(120), () => Task.FromResult(Count(journalPath, "Finished") >= 30));

            // Scale out: a 4th silo joins and its node receives leases, nobody restarted.
            var s4 = Start(redis, "n4");
            await WaitFor("a lease redeemed on the new node n4", TimeSpan.FromSeconds(90),
                () => Task.FromResult(Journal.Read(journalPath).Any(l => l.Event == "redeemed" && l.Node == "n4")));

            // Scale in: s2 is asked to leave (SIGTERM with --leave-on-stop): it drains, kills what outlives the deadline, reports, exits.
            Omsilo.Signal(s2.Process, "TERM");
            await WaitFor("s2 to leave and exit", TimeSpan.FromSeconds(60), () => Task.FromResult(s2.Process.HasExited));
            var left = DateTimeOffset.UtcNow;
            Assert.True(s2.Process.ExitCode == 0, s2.Tail());
            await WaitFor("n2 gone from the directory", TimeSpan.FromSeconds(30), async () =>
                !(await grains.GetGrain<IClusterGrain>(0).GetDirectory()).Nodes.Contains(new NodeId("n2")));

            // Crash: s3 is killed with SIGKILL while its node runs containers.
            await WaitFor("n3 running containers", TimeSpan.FromSeconds(60), async () => (await Live(grains, "n3")) > 0);
            Omsilo.Signal(s3.Process, "KILL");
            var killed = Stopwatch.StartNew();
            var killedAt = DateTimeOffset.UtcNow;
            await WaitFor("n3's containers reported Lost", TimeSpan.FromSeconds(90), async () => (await Live(grains, "n3")) == 0);
            output.WriteLine($"SIGKILL of s3 until its containers were reported Lost: {killed.Elapsed.TotalSeconds:0.0} s");

            // The grains spread to the silo that joined: some OrleansMesos grains are active there.
            var spread = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics(Ct);
            Assert.Contains(spread, g => g.SiloAddress.Endpoint.Port == s4.SiloPort && g.GrainType.Contains("OrleansMesos", StringComparison.Ordinal) && g.ActivationCount > 0);

            // Redis restarts under load: the cluster pauses and carries on by itself.
            var finishedBefore = Count(journalPath, "Finished");
            var restart = Stopwatch.StartNew();
            await redis.RestartAsync(Ct);
            output.WriteLine($"Redis down and up again in {restart.Elapsed.TotalSeconds:0.0} s, {finishedBefore} tasks finished before");
            await WaitFor("tasks finishing after the Redis restart", TimeSpan.FromSeconds(90),
                () => Task.FromResult(Count(journalPath, "Finished") >= Math.Min(Tasks, finishedBefore + 10)));

            await WaitFor("the framework to finish its batch", TimeSpan.FromSeconds(240), () => Task.FromResult(framework.HasExited));
            await sampling.CancelAsync();
            await sampler;
            Assert.True(framework.ExitCode == 0, "the sample framework failed:" + Environment.NewLine + string.Join(Environment.NewLine, _clientLog.TakeLast(40)) + Diagnostics());

            var journal = Journal.Read(journalPath);
            output.WriteLine($"journal: {journal.Count} lines, {journal.Count(l => l.Event == "redeemed")} redemptions; node books sampled {books.Samples} times");
            Assert.Empty(JournalAudit.GrantedOnce(journal));
            Assert.Empty(JournalAudit.EveryUpdateInOrder(journal));
            Assert.Empty(JournalAudit.NeverOverCommitted(journal, Slots));
            Assert.Empty(books.Violations);
            Assert.Equal(Tasks, journal.Where(l => l.Event == "status" && l.State == "Finished").Select(l => l.Container![..l.Container!.LastIndexOf('-')]).Distinct().Count());

            // The node that left: its containers finished or were killed at the deadline, none lost, none launched after it left.
            var n2 = JournalAudit.FinalStates(journal, "n2");
            Assert.All(n2, kv => Assert.True(kv.Value == "Finished" || kv.Value == "Killed", $"{kv.Key} on n2 ended {kv.Value}"));
            Assert.All(journal.Where(l => l.Event == "status" && l.Node == "n2" && l.State == "Killed"), l => Assert.Contains("drain deadline", l.Reason));
            Assert.DoesNotContain(journal, l => l.Event == "redeemed" && l.Node == "n2" && l.Logged > left);

            // The node that crashed: what ran there was reported Lost (and ran again elsewhere: every task finished).
            Assert.Contains(JournalAudit.FinalStates(journal, "n3"), kv => kv.Value == "Lost");
            var lost = journal.Where(l => l.Event == "status" && l.Node == "n3" && l.State == "Lost").Min(l => l.At!.Value);
            output.WriteLine($"SIGKILL of s3 until the node grain recorded its first container Lost: {(lost - killedAt).TotalSeconds:0.0} s");

            await CheckPersistedStateAsync(redis, observer, [s1, s4]);
            passed = true;
        }
        finally
        {
            foreach (var silo in _silos)
            {
                silo.Dispose();
            }

            if (passed)
            {
                Directory.Delete(_data, recursive: true);
            }
            else
            {
                output.WriteLine($"logs and journal kept in {_data}");
            }
        }
    }

    /// <summary>Stops every silo, starts a fresh one on the same Redis, and reads the books back: nothing live, nothing owed.</summary>
    private async Task CheckPersistedStateAsync(RedisServer redis, IHost observer, SiloProcess[] running)
    {
        await observer.StopAsync(Ct);
        observer.Dispose();
        foreach (var silo in running)
        {
            Omsilo.Signal(silo.Process, "KILL");
            await silo.Process.WaitForExitAsync(Ct);
        }

        var fresh = Start(redis, "n5");
        using var reader = await ConnectAsync(redis);
        var grains = reader.Services.GetRequiredService<IClusterClient>();
        await WaitFor("the fresh silo to answer", TimeSpan.FromSeconds(120), async () => await ReachableNodes(grains, "n5"));
        foreach (var node in new[] { "n1", "n2", "n3", "n4" })
        {
            var books = await grains.GetGrain<INodeGrain>(node).GetSnapshot();
            Assert.True(books.Committed.IsZero, $"{node} still has {books.Committed} committed: {string.Join(", ", books.Containers.Where(c => !c.State.IsTerminal()).Select(c => c.Spec.Id))}");
            Assert.Equal(node != "n2", books.Registered);
        }

        var framework = await grains.GetGrain<IFrameworkGrain>("mp").GetSnapshot();
        Assert.Empty(framework.Leases);
        Assert.True(framework.UnacknowledgedUpdates == 0, $"{framework.UnacknowledgedUpdates} update(s) unacknowledged; containers known: "
            + string.Join(", ", framework.Containers.Select(c => $"{c.Container} {c.State}#{c.Sequence} on {c.Node} at {c.Timestamp:O}")));
        Assert.DoesNotContain(framework.Containers, c => !c.State.IsTerminal());
        var directory = await grains.GetGrain<IClusterGrain>(0).GetDirectory();
        for (var p = 0; p < directory.Partitions; p++)
        {
            var view = await grains.GetGrain<IAllocatorPartitionGrain>(p).GetView();
            Assert.DoesNotContain(view.Leases, l => l.Framework == new FrameworkId("mp"));
            Assert.False(view.Holdings.TryGetValue(new FrameworkId("mp"), out var held) && !held.IsZero, $"partition {p} still counts {held} held by the framework");
        }

        await reader.StopAsync(Ct);
        Omsilo.Signal(fresh.Process, "KILL");
    }

    private SiloProcess Start(RedisServer redis, string node)
    {
        var silo = SiloProcess.Start(_cluster, redis.Configuration, node, NodeShape, DrainDeadline, _data, Timings);
        _silos.Add(silo);
        return silo;
    }

    private Process StartFramework(SiloProcess[] gateways, string journal)
    {
        var dll = Path.Combine(Repository.Root, "client-sample", "bin", Repository.Configuration, "net10.0", "OrleansMesos.ClientSample.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var silo in gateways)
        {
            start.ArgumentList.Add("--gateway");
            start.ArgumentList.Add($"127.0.0.1:{silo.GatewayPort.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var arg in new[]
        {
            "--cluster-id", _cluster, "--service-id", _cluster, "--framework-id", "mp", "--tasks", Tasks.ToString(CultureInfo.InvariantCulture),
            "--task", TaskShape, "--max-sleep", "2", "--max-retries", "20", "--seed", "7", "--journal", journal, "--timeout", "300",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var file = TextWriter.Synchronized(new StreamWriter(Path.Combine(_data, "framework.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => Keep(e.Data, file);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, file);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line, TextWriter file)
    {
        if (line is not null)
        {
            file.WriteLine(line);
            lock (_clientLog)
            {
                _clientLog.Add(line);
            }
        }
    }

    private async Task<IHost> ConnectAsync(RedisServer redis)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(client => client
                .Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_cluster, _cluster))
                .Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
                .UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration)));
            var host = builder.Build();
            if (await Omsilo.TryStartClient(host, Ct))
            {
                return host;
            }

            host.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "no silo answered a client within 120 s" + Diagnostics());
            await Task.Delay(500, Ct);
        }
    }

    private static async Task<bool> ReachableNodes(IClusterClient grains, params string[] nodes)
    {
        foreach (var node in nodes)
        {
            var books = await grains.GetGrain<INodeGrain>(node).GetSnapshot();
            if (!books.Registered || !books.Reachable)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<int> Live(IClusterClient grains, string node) =>
        (await grains.GetGrain<INodeGrain>(node).GetSnapshot()).Containers.Count(c => !c.State.IsTerminal());

    private static int Count(string journal, string state) =>
        Journal.Read(journal).Count(l => l.Event == "status" && l.State == state);

    /// <summary>Waits for a condition, asking again while the cluster fails over; fails with the silos' logs when it does not hold in time.</summary>
    private async Task WaitFor(string what, TimeSpan bound, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < bound)
        {
            try
            {
                if (await condition().WaitAsync(TimeSpan.FromSeconds(3), Ct))
                {
                    output.WriteLine($"{what}: after {clock.Elapsed.TotalSeconds:0.0} s");
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !Ct.IsCancellationRequested)
            {
                last = ex; // a grain whose silo just died, Redis restarting: ask again
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail($"waited {bound.TotalSeconds:0} s for {what}; last error: {last?.Message ?? "none"}{Diagnostics()}{await NodesAsync()}");
    }

    /// <summary>What each node's books hold live now, for a failing wait's message.</summary>
    private async Task<string> NodesAsync()
    {
        if (_grains is null)
        {
            return string.Empty;
        }

        var lines = new List<string> { string.Empty, "--- node books ---" };
        foreach (var node in new[] { "n1", "n2", "n3", "n4" })
        {
            try
            {
                var books = await _grains.GetGrain<INodeGrain>(node).GetSnapshot().WaitAsync(TimeSpan.FromSeconds(5));
                lines.Add($"{node}: registered {books.Registered}, reachable {books.Reachable}, committed {books.Committed} of {books.Capacity}; live: "
                    + string.Join(", ", books.Containers.Where(c => !c.State.IsTerminal()).Select(c => $"{c.Spec.Id} {c.State} lease {c.Lease} since {c.UpdatedAt:O}")));
            }
            catch (Exception ex)
            {
                lines.Add($"{node}: {ex.GetType().Name} {ex.Message}");
            }
        }

        try
        {
            for (var p = 0; p < 4; p++)
            {
                var view = await _grains.GetGrain<IAllocatorPartitionGrain>(p).GetView().WaitAsync(TimeSpan.FromSeconds(5));
                lines.Add($"partition {p}: {view.Nodes} nodes, capacity {view.Capacity}, allocated {view.Allocated}, leases {view.Leases.Length}, held: "
                    + string.Join(", ", view.Holdings.Select(h => $"{h.Key} {h.Value}")));
            }

            var framework = await _grains.GetGrain<IFrameworkGrain>("mp").GetSnapshot().WaitAsync(TimeSpan.FromSeconds(5));
            lines.Add($"framework: demand {string.Join(", ", framework.Demand.Select(d => $"{d.Count} x {d.Task}"))}, leases {framework.Leases.Length}, connected {framework.Connected}, unacknowledged {framework.UnacknowledgedUpdates}");
        }
        catch (Exception ex)
        {
            lines.Add($"views: {ex.GetType().Name} {ex.Message}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private string Diagnostics()
    {
        string[] client;
        lock (_clientLog)
        {
            client = [.. _clientLog.TakeLast(30)];
        }

        return Environment.NewLine + string.Join(Environment.NewLine, _silos.Select(s => s.Tail(30)))
            + Environment.NewLine + "--- framework ---" + Environment.NewLine + string.Join(Environment.NewLine, client);
    }
}
