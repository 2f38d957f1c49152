using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>Registers the native process runtime.</summary>
public static class ProcessRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ProcessRuntime"/> as an <see cref="IContainerRuntime"/> (and as itself), with its options and
    /// their validator.
    /// </summary>
    public static IServiceCollection AddProcessRuntime(this IServiceCollection services, Action<ProcessRuntimeOptions>? configure = null)
    {
        var options = services.AddOptions<ProcessRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<ProcessRuntime>();
        services.AddSingleton<IContainerRuntime>(sp => sp.GetRequiredService<ProcessRuntime>());
        services.AddSingleton<IConfigurationValidator, ProcessRuntimeOptionsValidator>();
        return services;
    }
}
