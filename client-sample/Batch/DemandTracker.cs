namespace OrleansMesos.ClientSample.Batch;

/// <summary>
/// Decides when the demand must be stated again. The framework grain counts the tasks of every lease it offers
/// against the stated demand, so its remaining demand is what was stated less the tasks of the leases received
/// since; the demand is stated again when the tasks that wait differ from that (a task returned to waiting), or
/// when something made it unknown (a declined lease counted back, a refused redemption, a refresh).
/// Not thread-safe: its owner serialises calls.
/// </summary>
internal sealed class DemandTracker
{
    private int? _remaining;
    private bool _unsure = true;

    /// <summary>The framework grain's remaining demand as far as this tracker knows; null before the first statement.</summary>
    public int? Remaining => _remaining;

    /// <summary>A lease arrived: the grain counted its tasks against the demand when it offered it.</summary>
    public void LeaseReceived(int tasks) => _remaining = Math.Max(0, (_remaining ?? 0) - Math.Max(0, tasks));

    /// <summary>The grain's remaining demand may differ from what is known: state it at the next chance.</summary>
    public void Unsure() => _unsure = true;

    /// <summary>True when <paramref name="wanted"/> must be stated now; it then counts as stated.</summary>
    public bool ShouldState(int wanted)
    {
        if (wanted == _remaining && !_unsure)
        {
            return false;
        }

        _unsure = false;
        _remaining = wanted;
        return true;
    }
}
