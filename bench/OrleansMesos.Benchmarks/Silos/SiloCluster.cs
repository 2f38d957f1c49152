using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using OrleansMesos.Client;
using OrleansMesos.Grains;
using OrleansMesos.Testing;
using StackExchange.Redis;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// One phase's cluster, all real processes on loopback: a private redis-server (append-only, fsync always, as
/// the docs require for nothing lost) and omsilo processes, each its own node, on Redis clustering and storage,
/// under a cluster id of its own. An Orleans client of its own reads the grains. Disposing kills every process
/// and removes the phase's folder unless it is to be kept.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(5);

    private readonly RedisServer _redis;
    private readonly Process? _redisProcess;
    private readonly List<BenchSilo> _silos = [];
    private IHost? _observer;

    private SiloCluster(RedisServer redis, string id, string folder)
    {
        _redis = redis;
        Id = id;
        Folder = folder;
        if (redis.ProcessId is { } pid)
        {
            _redisProcess = Process.GetProcessById(pid);
            ChildProcesses.Track(_redisProcess);
        }
    }

    /// <summary>The cluster id (also the service id), unique to the phase: om-bench-….</summary>
    public string Id { get; }

    /// <summary>The phase's folder: silo logs (nK.log) and sandboxes.</summary>
    public string Folder { get; }

    /// <summary>Keep <see cref="Folder"/> when disposed.</summary>
    public bool Keep { get; set; }

    public IReadOnlyList<BenchSilo> Silos => _silos;

    /// <summary>The observer's client: reads node, partition and framework grains.</summary>
    public IClusterClient Grains => _observer!.Services.GetRequiredService<IClusterClient>();

    /// <summary>How a framework client reaches the cluster: through Redis, as an SDK user of a Redis cluster would.</summary>
    public ClusterConnection Connection => new() { Redis = _redis.Configuration, ClusterId = Id, ServiceId = Id };

    /// <summary>CPU time of the silos and of redis-server so far.</summary>
    public (TimeSpan Silos, TimeSpan Redis) Cpu() =>
        (_silos.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Cpu), _redisProcess is null ? TimeSpan.Zero : ChildProcesses.Cpu(_redisProcess));

    /// <summary>Starts Redis and <paramref name="silos"/> silos (nodes n1…nN of <paramref name="node"/>), and waits until every node is registered and reachable.</summary>
    public static async Task<SiloCluster> StartAsync(int silos, string node, SiloTimings timings, string label, CancellationToken cancellationToken)
    {
        var redis = await RedisServer.StartAsync(new RedisServerOptions { AppendOnly = true, AppendFsync = "always" }, cancellationToken);
        var cluster = new SiloCluster(redis, $"om-bench-{label}-{Guid.NewGuid().ToString("N")[..6]}", Directory.CreateTempSubdirectory("om-bench-").FullName);
        try
        {
            for (var i = 1; i <= silos; i++)
            {
                cluster._silos.Add(BenchSilo.Start(cluster.Id, redis.Configuration, $"n{i}", node, cluster.Folder, timings.Environment));
            }

            await cluster.ConnectObserverAsync(cancellationToken);
            await cluster.WaitUntilReachableAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            cluster.Keep = true;
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Node grains of every node, registered and reachable, in the order the silos were started.</summary>
    public INodeGrain[] NodeGrains => [.. _silos.Select(s => Grains.GetGrain<INodeGrain>(s.Node.Value))];

    public async ValueTask DisposeAsync()
    {
        if (_observer is not null)
        {
            try
            {
                using var bound = new CancellationTokenSource(CallBound);
                await _observer.StopAsync(bound.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException)
            {
                // The silos go next whatever the client thinks.
            }

            _observer.Dispose();
        }

        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        await _redis.DisposeAsync();
        if (_redisProcess is not null)
        {
            ChildProcesses.Forget(_redisProcess);
            _redisProcess.Dispose();
        }

        if (!Keep)
        {
            await DeleteFolderAsync();
        }
    }

    /// <summary>
    /// Removes the phase's folder, trying again a few times: once a failover phase's folder stayed behind, its killed
    /// node's sandboxes in it. A temp folder left after that is not worth failing the run for.
    /// </summary>
    private async Task DeleteFolderAsync()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    private async Task ConnectObserverAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (Id, Id))
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
                .UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(_redis.Configuration)));
            var host = builder.Build();
            if (await Omsilo.TryStartClient(host, cancellationToken))
            {
                _observer = host;
                return;
            }

            host.Dispose();
            ThrowIfExited();
            if (clock.Elapsed > ReadyBound)
            {
                throw new TimeoutException($"no silo of {Id} answered a client within {ReadyBound.TotalSeconds:0} s; logs in {Folder}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private async Task WaitUntilReachableAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < ReadyBound)
        {
            ThrowIfExited();
            try
            {
                var snapshots = await Task.WhenAll(NodeGrains.Select(g => g.GetSnapshot())).WaitAsync(CallBound, cancellationToken);
                if (snapshots.All(s => s.Registered && s.Reachable))
                {
                    return;
                }

                last = string.Join(", ", snapshots.Select(s => $"{s.Node} registered {s.Registered} reachable {s.Reachable}"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = ex.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"the nodes of {Id} were not all registered and reachable within {ReadyBound.TotalSeconds:0} s ({last}); logs in {Folder}");
    }

    private void ThrowIfExited()
    {
        if (_silos.FirstOrDefault(s => s.Process.HasExited) is { } dead)
        {
            throw new InvalidOperationException($"omsilo {dead.Node} exited with {dead.Process.ExitCode} while starting; its log is {Path.Combine(Folder, dead.Node.Value + ".log")}");
        }
    }
}
