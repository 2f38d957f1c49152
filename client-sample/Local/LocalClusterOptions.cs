namespace OrleansMesos.ClientSample.Local;

/// <summary>How the local mode runs its one-node cluster.</summary>
internal sealed record LocalClusterOptions
{
    /// <summary>The omsilo.dll to run (see <see cref="SiloLocator"/>).</summary>
    public required string SiloDll { get; init; }

    public string ClusterId { get; init; } = "orleansmesos";

    public string ServiceId { get; init; } = "orleansmesos";

    /// <summary><c>process</c> for native commands, <c>docker</c> for images.</summary>
    public string Runtime { get; init; } = "process";

    /// <summary>What the node keeps for its host (and for this sample and the silo themselves).</summary>
    public string Reserve { get; init; } = "cpus=0.25";

    /// <summary>The node's id: unique per run, so that two local clusters on one Docker engine never take each other's containers for their own.</summary>
    public NodeId Node { get; init; } = new("local-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>How long the silo may take to start and register its node.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the silo may take to stop on SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
