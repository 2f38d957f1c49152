using Orleans;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>A grain that does nothing: its call rate is the ceiling Orleans sets on this machine.</summary>
[Alias("om.bench.INoopGrain")]
public interface INoopGrain : IGrainWithIntegerKey
{
    /// <summary>Returns at once.</summary>
    [Alias("Ping")]
    Task Ping();
}

/// <summary>The no-op grain.</summary>
public sealed class NoopGrain : Grain, INoopGrain
{
    /// <inheritdoc />
    public Task Ping() => Task.CompletedTask;
}
