using Docker.DotNet.Models;

namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>How a <see cref="LaunchSpec"/> becomes the engine's create request; pure, so it is tested without an engine.</summary>
internal static class DockerContainerSpec
{
    /// <summary>Docker's CPU unit: a billionth of a core, so a millicore is a million.</summary>
    public const long NanoCpusPerMilliCpu = 1_000_000;

    /// <summary>The GPU driver of device requests.</summary>
    public const string GpuDriver = "nvidia";

    // Each id part of a name is cut to this, so that three ids and a suffix stay short.
    private const int MaxPartLength = 40;

    /// <summary>The create request for <paramref name="spec"/>, named <paramref name="name"/>.</summary>
    public static CreateContainerParameters Create(LaunchSpec spec, string name, string networkMode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            throw new RuntimeException($"container {spec.Container} of framework {spec.Framework} names no image; the Docker runtime needs one");
        }

        var host = new HostConfig { NetworkMode = networkMode };
        if (spec.Limits.MilliCpus > 0)
        {
            host.NanoCPUs = checked(spec.Limits.MilliCpus * NanoCpusPerMilliCpu);
        }

        if (spec.Limits.MemoryBytes > 0)
        {
            // Swap equal to memory means no swap on top: the limit is what the container gets.
            host.Memory = spec.Limits.MemoryBytes;
            host.MemorySwap = spec.Limits.MemoryBytes;
        }

        if (spec.GpuUuids.Count > 0)
        {
            host.DeviceRequests =
            [
                new DeviceRequest
                {
                    Driver = GpuDriver,
                    DeviceIDs = [.. spec.GpuUuids],
                    Capabilities = [new List<string> { "gpu" }],
                },
            ];
        }

        return new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,

            // A command replaces the image's entrypoint and the arguments are its Cmd; without one the image's
            // entrypoint stays and the arguments, when given, replace the image's Cmd.
            Entrypoint = spec.Command is null ? null : [spec.Command],
            Cmd = spec.Command is not null || spec.Args.Count > 0 ? [.. spec.Args] : null,
            Env = [.. spec.Environment.Select(e => $"{e.Key}={e.Value}")],
            WorkingDir = spec.WorkingDirectory,
            Labels = ContainerLabels.For(spec),
            HostConfig = host,
        };
    }

    /// <summary>
    /// A name for the container: <c>om-cluster-framework-container-suffix</c>, each part cut to a few dozen characters
    /// and kept to what Docker names allow, and a random suffix so that a relaunch of the same container id while
    /// an exited one is kept does not clash.
    /// </summary>
    public static string Name(LaunchSpec spec, string suffix) =>
        $"om-{Part(spec.Cluster)}-{Part(spec.Framework.Value)}-{Part(spec.Container.Value)}-{suffix}";

    /// <summary>A fresh random name suffix.</summary>
    public static string NewSuffix() => Guid.NewGuid().ToString("N")[..8];

    private static string Part(string value)
    {
        // Docker allows [a-zA-Z0-9_.-]; ids also allow ':'.
        var chars = value.Length > MaxPartLength ? value[..MaxPartLength].ToCharArray() : value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('_' or '.' or '-'))
            {
                chars[i] = '_';
            }
        }

        return chars.Length == 0 ? "_" : new string(chars);
    }
}
