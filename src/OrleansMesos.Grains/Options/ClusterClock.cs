namespace OrleansMesos.Grains.Options;

/// <summary>
/// The clock OrleansMesos grains decide by (lease expiry, heartbeat deadlines, failover). A service of its
/// own, so that tests can drive it with a fake time provider without touching Orleans' own clock.
/// </summary>
public sealed class ClusterClock(TimeProvider provider)
{
    /// <summary>The system clock.</summary>
    public static ClusterClock System { get; } = new(TimeProvider.System);

    /// <summary>The provider behind this clock.</summary>
    public TimeProvider Provider { get; } = provider;

    /// <summary>Now.</summary>
    public DateTimeOffset Now => Provider.GetUtcNow();
}
