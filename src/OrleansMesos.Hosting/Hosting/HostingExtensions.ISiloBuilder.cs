using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansMesos.Grains.Options;
using OrleansMesos.Grains.Telemetry;
using OrleansMesos.Redis;
using StackExchange.Redis;

namespace OrleansMesos.Hosting;

/// <summary>Adds OrleansMesos to a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds the OrleansMesos grains' services and options (validated at silo start). Grain storage named
    /// <see cref="OrleansMesosOptions.StorageName"/> must be added too: see <see cref="AddOrleansMesosMemoryStorage"/>.
    /// </summary>
    public static ISiloBuilder AddOrleansMesos(this ISiloBuilder builder, Action<OrleansMesosOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOrleansMesosCore(configure);
        return builder;
    }

    /// <summary>
    /// Keeps OrleansMesos state in memory: the embedded default, lost when the silo stops. State is written
    /// with Orleans' own serializer (see <see cref="UseOrleansSerializer"/>).
    /// </summary>
    public static ISiloBuilder AddOrleansMesosMemoryStorage(this ISiloBuilder builder) =>
        builder
            .AddMemoryGrainStorage(OrleansMesosOptions.StorageName, options => options.Configure<IServiceProvider>(UseOrleansSerializer))
            .UseInMemoryReminderService();

    /// <summary>
    /// Keeps OrleansMesos state and the node grains' reminders in Redis at <paramref name="configuration"/> (StackExchange.Redis form, e.g.
    /// <c>host:6379,ssl=true</c>), read as <see cref="RedisSettings"/> read it: the connect is retried, not aborted.
    /// </summary>
    /// <exception cref="Errors.InvalidFieldException"><paramref name="configuration"/> is not a Redis configuration.</exception>
    public static ISiloBuilder AddOrleansMesosRedisStorage(this ISiloBuilder builder, string configuration) =>
        builder.AddOrleansMesosRedisStorage(new RedisSettings { Configuration = configuration }.ToConfigurationOptions());

    /// <summary>
    /// Keeps OrleansMesos state in Redis as <paramref name="configuration"/> says (build it with
    /// <see cref="RedisSettings.ToConfigurationOptions"/> to keep the password and TLS files out of a string).
    /// The storage takes a copy: later changes to <paramref name="configuration"/> do not reach it.
    /// </summary>
    public static ISiloBuilder AddOrleansMesosRedisStorage(this ISiloBuilder builder, ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var own = configuration.Clone();
        return builder.AddRedisGrainStorage(OrleansMesosOptions.StorageName, options => options.Configure<IServiceProvider>((o, services) =>
        {
            o.ConfigurationOptions = own;
            UseOrleansSerializer(o, services);
        })).UseRedisReminderService(o => o.ConfigurationOptions = configuration.Clone());
    }

    /// <summary>
    /// Writes grain state with Orleans' serializer rather than the JSON default: it is version tolerant by
    /// [Id] and [Alias] (renaming or moving a state type does not break stored state), and it keeps what JSON
    /// cannot: dictionaries keyed by ids, and the observer references of connected agents and clients.
    /// </summary>
    internal static void UseOrleansSerializer(IStorageProviderSerializerOptions options, IServiceProvider services) =>
        options.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
}

/// <summary>Registrations shared by the builder extensions.</summary>
internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddOrleansMesosCore(this IServiceCollection services, Action<OrleansMesosOptions>? configure)
    {
        var options = services.AddOptions<OrleansMesosOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(ClusterClock.System);
        services.AddMetrics();
        services.TryAddSingleton<ClusterMetrics>();
        services.AddSingleton<IConfigurationValidator, OrleansMesosOptionsValidator>();

        // A node watch period under Orleans' minimum reminder period (a minute) lowers that minimum.
        services.AddOptions<ReminderOptions>().Configure<IOptions<OrleansMesosOptions>>((reminders, mesos) =>
        {
            if (mesos.Value.NodeWatchPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = mesos.Value.NodeWatchPeriod;
            }
        });
        return services;
    }
}
