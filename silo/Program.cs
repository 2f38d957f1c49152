using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansMesos.Agent.Detection;
using OrleansMesos.Agent.Runtimes.Docker;
using OrleansMesos.Agent.Runtimes.Processes;
using OrleansMesos.Errors;
using OrleansMesos.Hosting;
using OrleansMesos.Redis;
using StackExchange.Redis;

namespace OrleansMesos.Silo;

/// <summary><c>omsilo</c>: one OrleansMesos silo and the node agent of its host.</summary>
public static class Program
{
    /// <remarks>
    /// SIGTERM and SIGINT are the host's to handle (a graceful stop: the agent leaves or stays, Orleans hands its
    /// grains over), not System.CommandLine's, whose default ends the process 2 s after the signal whatever runs.
    /// </remarks>
    public static Task<int> Main(string[] args) =>
        SiloCommand.Create(RunAsync).Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    /// <summary>Detected resources, overridden where the settings say so, less the reservation.</summary>
    private static void Detection(ResourceDetectionOptions options, SiloSettings settings, string dataDirectory)
    {
        options.DataDirectory = dataDirectory;
        if (settings.Resources is { } text)
        {
            var overrides = ResourceLimit.Parse(text);
            var amounts = overrides.Amounts;
            options.MilliCpus = (overrides.Kinds & ResourceKind.Cpus) != 0 ? amounts.MilliCpus : null;
            options.MemoryBytes = (overrides.Kinds & ResourceKind.Memory) != 0 ? amounts.MemoryBytes : null;
            options.DiskBytes = (overrides.Kinds & ResourceKind.Disk) != 0 ? amounts.DiskBytes : null;
            options.Gpus = (overrides.Kinds & ResourceKind.Gpus) != 0 ? amounts.Gpus : null;
        }

        options.Reserved = settings.Reserve is { } reserve ? Resources.Parse(reserve) : Resources.Zero;
    }

    /// <summary>Builds the settings (file, environment, command line), validates them, and runs the silo until stopped.</summary>
    internal static async Task<int> RunAsync(Dictionary<string, string> commandLine, CancellationToken cancellationToken)
    {
        var given = commandLine.Select(kv => KeyValuePair.Create<string, string?>($"OrleansMesos:{kv.Key}", kv.Value)).ToList();
        var plain = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        plain.Configuration.AddInMemoryCollection(given);
        IHostApplicationBuilder builder = plain;
        SiloSettings settings;
        try
        {
            settings = builder.Configuration.GetSection("OrleansMesos").Get<SiloSettings>() ?? new SiloSettings();
            settings.Validate();
        }
        catch (Exception ex) when (ex is InvalidFieldException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"omsilo: invalid setting: {ex.Message}");
            return 2;
        }

        // Orleans does not retry its first Redis connect: wait for a Redis that is not up yet, and stop at once,
        // saying why, when Redis refuses the password or certificate.
        if (settings.UsesRedis)
        {
            var redis = settings.RedisConnection();
            try
            {
                await redis.WaitUntilReachableAsync(
                    RedisSettings.DefaultStartWait,
                    why => Console.Error.WriteLine($"omsilo: Redis at {redis} does not answer yet ({why}); waiting up to {RedisSettings.DefaultStartWait.TotalSeconds:0} s"),
                    cancellationToken);
            }
            catch (RedisException ex)
            {
                return await RedisFailedAsync(settings, ex);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        }

        // The dashboard needs a web host; the same sources configure it. Without it the silo stays a plain host.
        var web = settings.Dashboard ? Observability.DashboardHostBuilder(given, settings.DashboardPort) : null;
        if (web is not null)
        {
            plain.Configuration.Dispose();
            builder = web;
        }

        builder.UseOrleans(silo =>
        {
            if (settings.Clustering == "redis")
            {
                silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
                silo.ConfigureEndpoints(settings.AdvertisedAddress(), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseRedisClustering(o => o.ConfigurationOptions = settings.RedisConnection().ToConfigurationOptions());
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            }

            // Timings of the grains (OrleansMesos:Grains, e.g. OrleansMesos__Grains__LostGracePeriod=00:00:30) and of
            // Orleans' failure detection (OrleansMesos:Membership, e.g. OrleansMesos__Membership__ProbeTimeout=00:00:02).
            silo.Services.Configure<Grains.Options.OrleansMesosOptions>(builder.Configuration.GetSection("OrleansMesos:Grains"));
            silo.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(builder.Configuration.GetSection("OrleansMesos:Membership"));
            silo.AddOrleansMesos(o => o.Partitions = settings.Partitions);
            if (settings.Dashboard)
            {
                silo.AddDashboard();
            }

            if (settings.Storage == "redis")
            {
                silo.AddOrleansMesosRedisStorage(settings.RedisConnection().ToConfigurationOptions());
            }
            else
            {
                silo.AddOrleansMesosMemoryStorage();
            }
        });
        builder.Services.AddSingleton(settings);
        var data = settings.DataDirectory ?? Path.Combine(Path.GetTempPath(), "orleansmesos", settings.ClusterId, settings.ResolvedNodeId().Value);
        builder.Services.AddHostResourceDetection(o => Detection(o, settings, data));
        builder.Services.AddProcessRuntime(o => o.RootDirectory = Path.Combine(data, "process"));
        builder.Services.AddOptions<DockerRuntimeOptions>();
        builder.Services.AddSingleton<DockerRuntime>();
        builder.Services.AddHostedService<AgentService>();

        // Leaving drains first: the host waits for the deadline, the kill grace and the reports before it gives up.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<Grains.Options.OrleansMesosOptions>>((o, grains) => o.ShutdownTimeout = settings.LeaveOnStop
            ? settings.DrainDeadline + grains.Value.KillGracePeriod + TimeSpan.FromMinutes(1)
            : TimeSpan.FromSeconds(30));
        if (settings.MetricsPort is { } metricsPort)
        {
            Observability.AddPrometheusEndpoint(builder.Services, metricsPort, settings.ResolvedNodeId());
        }

        using IHost host = web is null ? plain.Build() : Observability.BuildDashboard(web);
        try
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }
        catch (InvalidFieldException ex)
        {
            await Console.Error.WriteLineAsync($"omsilo: {ex.Message}");
            return 2;
        }
        catch (RedisException ex) when (settings.UsesRedis)
        {
            // Redis went away between the check and Orleans' first call: the log above has the trace.
            return await RedisFailedAsync(settings, ex);
        }
    }

    /// <summary>Says in one line, without the password, why the silo cannot start on Redis; exit code 1.</summary>
    private static async Task<int> RedisFailedAsync(SiloSettings settings, RedisException failure)
    {
        var redis = settings.RedisConnection();
        await Console.Error.WriteLineAsync($"omsilo: cannot start on Redis at {redis}: {redis.DescribeFailure(failure)}");
        return 1;
    }
}
