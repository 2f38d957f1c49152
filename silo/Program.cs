using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using OrleansMesos.Agent.Detection;
using OrleansMesos.Agent.Runtimes.Docker;
using OrleansMesos.Agent.Runtimes.Processes;
using OrleansMesos.Errors;
using OrleansMesos.Hosting;

namespace OrleansMesos.Silo;

/// <summary><c>omsilo</c>: one OrleansMesos silo and the node agent of its host.</summary>
public static class Program
{
    // The host handles SIGTERM/SIGINT and stops within its ShutdownTimeout (long enough to leave the cluster with
    // --leave-on-stop). System.CommandLine's own handling would end the process 2 s after the signal, mid-stop.
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
                silo.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(settings.Redis!));
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
                silo.AddOrleansMesosRedisStorage(settings.Redis!);
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
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.LeaveOnStop
            ? settings.DrainDeadline + TimeSpan.FromMinutes(1)
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
    }
}
