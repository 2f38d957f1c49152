using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansMesos.Grains.Options;

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

    /// <summary>Keeps OrleansMesos state in memory: the embedded default, lost when the silo stops.</summary>
    public static ISiloBuilder AddOrleansMesosMemoryStorage(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(OrleansMesosOptions.StorageName);
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
        services.AddSingleton<IConfigurationValidator, OrleansMesosOptionsValidator>();
        return services;
    }
}
