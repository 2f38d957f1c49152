namespace OrleansMesos.Grains.Allocation;

// Explain: the engine's verdict on a framework's share of demand here, as a wire record.
public sealed partial class AllocatorPartitionGrain
{
    /// <inheritdoc />
    public Task<DemandExplanation> Explain(FrameworkId framework)
    {
        var explanation = _engine.Explain(framework);
        return Task.FromResult(new DemandExplanation(
            Partition,
            explanation.Framework,
            explanation.RemainingTasks,
            explanation.Reason.ToString(),
            explanation.Message,
            explanation.OwnWeightedShare,
            [.. explanation.RolesAhead.Select(r => new RoleShare(r.Role, r.DominantShare, r.WeightedShare))]));
    }
}
