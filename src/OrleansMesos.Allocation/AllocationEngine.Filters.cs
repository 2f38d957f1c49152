using OrleansMesos.Allocation.Internal;

namespace OrleansMesos.Allocation;

// Decline filters: a framework is not granted a node again until its filter expires or it revives.
public sealed partial class AllocationEngine
{
    /// <summary>Filters of this length or longer are held until the framework revives, with no timer (Mesos's refuse_seconds = INT_MAX).</summary>
    public static readonly TimeSpan FilterUntilRevived = TimeSpan.FromDays(365);

    private readonly PriorityQueue<(FrameworkState Framework, NodeState Node, long ExpiresAt), long> _filterExpiries = new();

    private void AddFilter(FrameworkState fw, NodeState node, TimeSpan filter)
    {
        if (filter == Timeout.InfiniteTimeSpan || filter >= FilterUntilRevived)
        {
            fw.Filters.Add(node.PoolId, node.Slot, expiresAt: null);
            return;
        }

        var expiresAt = _time.GetTimestamp() + (long)(filter.TotalSeconds * _time.TimestampFrequency);
        fw.Filters.Add(node.PoolId, node.Slot, expiresAt);
        _filterExpiries.Enqueue((fw, node, expiresAt), expiresAt);
    }

    /// <summary>Clears the filters whose time has come. Stale entries (a framework or node gone, a filter renewed) fall away.</summary>
    private void ExpireFilters()
    {
        if (_filterExpiries.Count == 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        while (_filterExpiries.TryPeek(out var entry, out var at) && at <= now)
        {
            _filterExpiries.Dequeue();
            var (fw, node, expiresAt) = entry;
            if (_frameworks.TryGetValue(fw.Spec.Id, out var live) && ReferenceEquals(live, fw)
                && _nodes.TryGetValue(node.Spec.Id, out var liveNode) && ReferenceEquals(liveNode, node))
            {
                fw.Filters.Expire(node.PoolId, node.Slot, expiresAt);
            }
        }
    }
}
