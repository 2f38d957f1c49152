namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>When the Docker runtime pulls a container's image.</summary>
public enum ImagePullPolicy
{
    /// <summary>Pull only when the image is not on the host (the default).</summary>
    IfNotPresent,

    /// <summary>Pull before every launch; a failed pull fails the launch.</summary>
    Always,

    /// <summary>Never pull: the image must be on the host already. Works offline.</summary>
    Never,
}

/// <summary>Options of <see cref="DockerRuntime"/>.</summary>
public sealed class DockerRuntimeOptions
{
    /// <summary>The engine's socket when neither <see cref="Endpoint"/> nor <c>DOCKER_HOST</c> names one.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>The network mode of a container unless set: none, since the engine may run without a bridge.</summary>
    public const string DefaultNetworkMode = "none";

    /// <summary>How many log lines a failed container's exit keeps.</summary>
    public const int DefaultLogTailLines = 20;

    /// <summary>How long <see cref="DockerRuntime.IsAvailableAsync"/> waits for the engine to answer.</summary>
    public static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The engine's endpoint, <c>unix:///path</c> or <c>tcp://host:port</c>. Null: the <c>DOCKER_HOST</c>
    /// environment variable, else <see cref="DefaultEndpoint"/>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>When images are pulled; <see cref="ImagePullPolicy.IfNotPresent"/> by default.</summary>
    public ImagePullPolicy PullPolicy { get; set; } = ImagePullPolicy.IfNotPresent;

    /// <summary>The containers' network mode (<c>none</c>, <c>host</c>, <c>bridge</c>, a network's name).</summary>
    public string NetworkMode { get; set; } = DefaultNetworkMode;

    /// <summary>How long an availability check waits for the engine.</summary>
    public TimeSpan PingTimeout { get; set; } = DefaultPingTimeout;

    /// <summary>How many of its last log lines (stdout and stderr) a failed container's exit carries.</summary>
    public int LogTailLines { get; set; } = DefaultLogTailLines;
}
