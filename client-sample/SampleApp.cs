using System.Net;
using OrleansMesos.Client;
using OrleansMesos.ClientSample.Batch;
using OrleansMesos.ClientSample.Local;
using OrleansMesos.ClientSample.Rendering;
using OrleansMesos.Errors;
using Spectre.Console;

namespace OrleansMesos.ClientSample;

/// <summary>
/// One run of the sample: reach the cluster (or start a local one), run the batch through the SDK with live
/// progress, unregister, stop what it started, and end with the summary.
/// </summary>
internal sealed class SampleApp(TextWriter output, TextWriter error, TimeProvider time)
{
    /// <summary>How long unregistering, and a local node's containers stopping after it, may take.</summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(SampleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var console = Terminal.For(output);
        LocalCluster? local = null;
        BatchSummary? summary = null;
        try
        {
            ClusterConnection connection;
            string? capacityOf = null;
            if (settings.Local)
            {
                local = await StartLocalAsync(settings, console, cancellationToken);
                connection = new ClusterConnection
                {
                    Gateways = [new IPEndPoint(IPAddress.Loopback, local.GatewayPort)],
                    ClusterId = settings.ClusterId,
                    ServiceId = settings.ServiceId,
                };
                capacityOf = "the local node's capacity";
            }
            else if (settings.Redis is { } redis)
            {
                connection = new ClusterConnection
                {
                    Redis = redis.Configuration,
                    RedisPassword = redis.Password,
                    RedisUser = redis.User,
                    RedisTls = redis.Tls,
                    RedisTlsCa = redis.TlsCa,
                    RedisTlsHost = redis.TlsHost,
                    ClusterId = settings.ClusterId,
                    ServiceId = settings.ServiceId,
                };
            }
            else
            {
                var gateways = await Task.WhenAll(settings.Gateways.Select(g => GatewayAddress.Parse(g).ResolveAsync(cancellationToken)));
                connection = new ClusterConnection { Gateways = gateways, ClusterId = settings.ClusterId, ServiceId = settings.ServiceId };
            }

            summary = await RunBatchAsync(settings, connection, local?.Capacity, console, cancellationToken);
            if (local is not null)
            {
                console.WriteLine("stopping the local cluster");
                if (!await local.WaitUntilIdleAsync(settings.FrameworkId, CleanupTimeout, CancellationToken.None))
                {
                    await error.WriteLineAsync("client-sample: some containers still ran when the local cluster stopped");
                }
            }

            await DisposeAsync(local);
            local = null;

            // Written as they are, not wrapped to the terminal's width: the summary is the output's last word.
            await output.WriteLineAsync();
            foreach (var line in SummaryText.Lines(summary, settings.MaxRetries, capacityOf))
            {
                await output.WriteLineAsync(line);
            }

            return summary.AllSucceeded ? ExitCodes.Succeeded : ExitCodes.NotAllSucceeded;
        }
        catch (Exception ex) when (ex is LocalClusterException or SampleException)
        {
            await error.WriteLineAsync($"client-sample: {ex.Message}");
            return ExitCodes.NotAllSucceeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && summary is null)
        {
            await error.WriteLineAsync("client-sample: stopped before the batch started");
            return ExitCodes.NotAllSucceeded;
        }
        finally
        {
            await DisposeAsync(local);
        }
    }

    private static async Task<LocalCluster> StartLocalAsync(SampleSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var runtime = settings.Image is null ? "process" : "docker";
        var options = new LocalClusterOptions
        {
            SiloDll = settings.SiloDll ?? SiloLocator.Find(AppContext.BaseDirectory),
            ClusterId = settings.ClusterId,
            ServiceId = settings.ServiceId,
            Runtime = runtime,
        };
        console.WriteLine($"starting a one-node cluster: omsilo on free loopback ports, {runtime} runtime, {options.Reserve} kept for the host");
        var local = await LocalCluster.StartAsync(options, cancellationToken);
        console.WriteLine($"node {local.Node} registered, offering {local.Capacity}; gateway 127.0.0.1:{local.GatewayPort}, data in {local.DataDirectory}");
        return local;
    }

    private async Task<BatchSummary> RunBatchAsync(SampleSettings settings, ClusterConnection connection, Resources? capacity, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var options = new FrameworkClientOptions
        {
            Id = settings.FrameworkId,
            Name = "batch sample",
            Role = settings.Role,
            GpuCapable = settings.TaskResources.Gpus > 0,
        };
        FrameworkClient client;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(settings.ConnectTimeout);
            try
            {
                client = await FrameworkClient.ConnectAsync(connection, options, connecting.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                && ex is OperationCanceledException or OrleansException or TimeoutException or OrleansMesosException or StackExchange.Redis.RedisConnectionException)
            {
                var why = ex switch
                {
                    OperationCanceledException => $"no answer within {settings.ConnectTimeout.TotalSeconds:0} s",
                    StackExchange.Redis.RedisConnectionException redis => connection.RedisConnection().DescribeFailure(redis),
                    _ => ex.Message,
                };
                // A refused password or certificate is the settings' fault, not a missing cluster's.
                var hint = ex is StackExchange.Redis.RedisConnectionException ? string.Empty : " Start one with `dotnet run --project silo`, or use --local.";
                throw new SampleException(
                    $"could not connect to the cluster at {connection.Describe()} (cluster id {connection.ClusterId}, service id {connection.ServiceId}): {why.TrimEnd('.')}.{hint}");
            }
        }

        await using (client)
        {
            console.WriteLine($"framework {client.Id} registered under role {settings.Role}; {settings.Tasks} tasks of {settings.TaskResources}, up to {settings.MaxRetries} retries each");
            var book = new TaskBook(settings.Tasks, settings.TaskResources, settings.MaxRetries);
            var workload = new Workload(
                new WorkloadOptions(settings.Command, settings.Args, settings.Image, settings.FailRate, settings.MaxSleep),
                settings.Seed is { } seed ? new Random(seed) : new Random());
            using var journal = settings.Journal is { } path ? new Journal(path) : null;
            var runner = new BatchRunner(client, book, workload, time, journal);
            var view = new ProgressView(console, Terminal.IsInteractive(output), time);
            runner.Note += view.Note;

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            var run = runner.RunAsync(timeout.Token);
            await view.ShowAsync(() => runner.Counts, run);
            var stopped = await StoppedBecauseAsync(run, settings, cancellationToken);
            var wall = time.GetElapsedTime(started);

            using var unregister = new CancellationTokenSource(CleanupTimeout);
            try
            {
                await client.UnregisterAsync(unregister.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException or OrleansMesosException)
            {
                await error.WriteLineAsync($"client-sample: could not unregister the framework (its failover timeout ends it): {ex.Message}");
            }

            return new BatchSummary(runner.Counts, wall, settings.TaskResources, runner.PeakHeld, capacity, stopped);
        }
    }

    /// <summary>Why the run ended early, or null when every task reached an outcome.</summary>
    private static async Task<string?> StoppedBecauseAsync(Task run, SampleSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await run;
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "interrupted";
        }
        catch (OperationCanceledException)
        {
            return $"the timeout of {settings.Timeout.TotalSeconds:0} s passed";
        }
        catch (Exception ex) when (ex is InvalidOperationException or OrleansException or TimeoutException or OrleansMesosException)
        {
            return ex.Message;
        }
    }

    private static async Task DisposeAsync(LocalCluster? local)
    {
        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }
}
