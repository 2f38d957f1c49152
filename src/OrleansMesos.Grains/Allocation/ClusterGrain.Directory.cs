namespace OrleansMesos.Grains.Allocation;

// The directory: node and framework grains report their registration here, operators list them. Nothing here
// calls a node or framework grain, so they may await these calls inside their own turns without a deadlock.
public sealed partial class ClusterGrain
{
    /// <inheritdoc />
    public async Task NodeRegistered(NodeId node)
    {
        if (state.State.Nodes.Add(node))
        {
            await state.WriteOrStepDownAsync(this);
        }
    }

    /// <inheritdoc />
    public async Task NodeLeft(NodeId node)
    {
        if (state.State.Nodes.Remove(node))
        {
            await state.WriteOrStepDownAsync(this);
        }
    }

    /// <inheritdoc />
    public async Task FrameworkRegistered(FrameworkId framework)
    {
        if (state.State.Frameworks.Add(framework))
        {
            await state.WriteOrStepDownAsync(this);
        }
    }

    /// <inheritdoc />
    public async Task FrameworkEnded(FrameworkId framework)
    {
        if (state.State.Frameworks.Remove(framework))
        {
            await state.WriteOrStepDownAsync(this);
        }
    }

    /// <inheritdoc />
    public Task<ClusterDirectory> GetDirectory() => Task.FromResult(new ClusterDirectory(
        options.Value.Partitions,
        [.. state.State.Nodes.Order()],
        [.. state.State.Frameworks.Order()]));
}
