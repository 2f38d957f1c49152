namespace OrleansMesos.Grains.Allocation;

/// <summary>
/// Sums the partitions' usage. Each partition's last report replaces its previous one, so the sums are
/// exact as of each partition's last exchange; a partition's view of the others is at most two ledger
/// intervals old. Soft state: after a reactivation the sums refill within one interval.
/// </summary>
public sealed class FairShareLedgerGrain : Grain, IFairShareLedgerGrain
{
    private readonly Dictionary<int, PartitionUsage> _reports = [];
    private readonly Dictionary<FrameworkId, Resources> _totals = [];
    private Resources _capacity;

    /// <inheritdoc />
    public Task<GlobalUsage> Exchange(PartitionUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (_reports.Remove(usage.Partition, out var previous))
        {
            _capacity -= previous.Capacity;
            foreach (var (framework, held) in previous.Usage)
            {
                var left = _totals[framework] - held;
                if (left.IsZero)
                {
                    _totals.Remove(framework);
                }
                else
                {
                    _totals[framework] = left;
                }
            }
        }

        _reports[usage.Partition] = usage;
        _capacity += usage.Capacity;
        foreach (var (framework, held) in usage.Usage)
        {
            _totals[framework] = _totals.GetValueOrDefault(framework) + held;
        }

        return Task.FromResult(new GlobalUsage(_capacity, new Dictionary<FrameworkId, Resources>(_totals), _reports.Count));
    }
}
