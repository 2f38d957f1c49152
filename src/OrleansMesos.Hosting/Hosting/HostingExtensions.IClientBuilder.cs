using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using OrleansMesos.Grains.Options;

namespace OrleansMesos.Hosting;

/// <summary>Adds OrleansMesos to an Orleans client.</summary>
public static class ClientBuilderExtensions
{
    /// <summary>Adds the OrleansMesos options a client needs to know the cluster's partitions and timings.</summary>
    public static IClientBuilder AddOrleansMesos(this IClientBuilder builder, Action<OrleansMesosOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<OrleansMesosOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }
}
