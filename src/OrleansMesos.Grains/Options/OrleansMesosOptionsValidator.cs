using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace OrleansMesos.Grains.Options;

/// <summary>Refuses settings that cannot work, naming the setting and the rule.</summary>
public sealed class OrleansMesosOptionsValidator(IOptions<OrleansMesosOptions> options) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        var o = options.Value;
        Check(o.Partitions is >= 1 and <= 4096, nameof(o.Partitions), "must be between 1 and 4096");
        Positive(o.LeaseTtl, nameof(o.LeaseTtl));
        Check(o.AllocationBatchDelay >= TimeSpan.Zero, nameof(o.AllocationBatchDelay), "must not be negative");
        Positive(o.LedgerInterval, nameof(o.LedgerInterval));
        Positive(o.HeartbeatInterval, nameof(o.HeartbeatInterval));
        Check(o.MissedHeartbeatsLimit >= 1, nameof(o.MissedHeartbeatsLimit), "must be at least 1");
        Check(o.LostGracePeriod >= TimeSpan.Zero, nameof(o.LostGracePeriod), "must not be negative");
        Check(o.NodeWatchPeriod >= TimeSpan.FromSeconds(1), nameof(o.NodeWatchPeriod), "must be at least one second");
        Positive(o.RedeliveryInterval, nameof(o.RedeliveryInterval));
        Positive(o.ClientTimeout, nameof(o.ClientTimeout));
        Check(o.KillGracePeriod >= TimeSpan.Zero, nameof(o.KillGracePeriod), "must not be negative");
        Check(o.RememberedRedemptions >= 1, nameof(o.RememberedRedemptions), "must be at least 1");
    }

    private static void Positive(TimeSpan value, string name) => Check(value > TimeSpan.Zero, name, "must be greater than zero");

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new OrleansConfigurationException($"{nameof(OrleansMesosOptions)}.{name} {rule}");
        }
    }
}
