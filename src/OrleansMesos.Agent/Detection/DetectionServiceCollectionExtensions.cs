using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansMesos.Agent.Detection;

/// <summary>Registers host resource detection.</summary>
public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IHostResourceDetector"/> over the host's real files (<see cref="HostFileSystem"/>) and
    /// NVML (<see cref="NvmlGpuProbe"/>); either may be registered beforehand to replace it.
    /// </summary>
    public static IServiceCollection AddHostResourceDetection(this IServiceCollection services, Action<ResourceDetectionOptions>? configure = null)
    {
        var options = services.AddOptions<ResourceDetectionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IHostFileSystem>(_ => new HostFileSystem());
        services.TryAddSingleton<IGpuProbe, NvmlGpuProbe>();
        services.TryAddSingleton<IHostResourceDetector, HostResourceDetector>();
        return services;
    }
}
