namespace OrleansMesos.Grains.Telemetry;

/// <summary>
/// The figures of one node grain activation: its live containers, counted in <see cref="MetricNames.Containers"/>,
/// and what is committed and free on the node. Called from the grain's turns only; collections read
/// <see cref="Figures"/>, an immutable snapshot replaced on each change. Disposing takes back exactly what
/// this activation counted, so the silo's figures stay exact across activations and deactivations.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    private readonly ClusterMetrics _owner;
    private readonly int[] _live = new int[(int)ContainerState.Finished];
    private Resources? _capacity;
    private Resources _committed;
    private NodeFigures? _figures;
    private bool _disposed;

    internal NodeMetrics(ClusterMetrics owner, NodeId node, Resources? capacity, IEnumerable<ContainerRecord> containers)
    {
        _owner = owner;
        Node = node;
        _capacity = capacity;
        foreach (var container in containers)
        {
            if (!container.State.IsTerminal())
            {
                Count(container.State, container.Spec.Resources);
                owner.ContainerMoved(null, container.State);
            }
        }

        Publish();
    }

    /// <summary>The node.</summary>
    public NodeId Node { get; }

    /// <summary>Capacity and committed resources as of the last change; null until the node registers.</summary>
    internal NodeFigures? Figures => Volatile.Read(ref _figures);

    /// <summary>The node registered (again) with <paramref name="capacity"/>.</summary>
    public void SetCapacity(Resources capacity)
    {
        _capacity = capacity;
        Publish();
    }

    /// <summary>A container was committed on the node, in its first state.</summary>
    public void Launched(ContainerRecord container)
    {
        ArgumentNullException.ThrowIfNull(container);
        Count(container.State, container.Spec.Resources);
        _owner.ContainerMoved(null, container.State);
        Publish();
    }

    /// <summary>A container moved from <paramref name="from"/> to the state of <paramref name="moved"/>.</summary>
    public void Moved(ContainerState from, ContainerRecord moved)
    {
        ArgumentNullException.ThrowIfNull(moved);
        if (from.IsTerminal() || from == moved.State)
        {
            return;
        }

        _live[(int)from]--;
        if (moved.State.IsTerminal())
        {
            _committed -= moved.Spec.Resources;
        }
        else
        {
            _live[(int)moved.State]++;
        }

        _owner.ContainerMoved(from, moved.State);
        Publish();
    }

    /// <summary>The activation ends: its containers leave the silo's counts and the node's figures go.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var state = 0; state < _live.Length; state++)
        {
            _owner.ContainersGone((ContainerState)state, _live[state]);
            _live[state] = 0;
        }

        _owner.Remove(this);
    }

    private void Count(ContainerState state, Resources resources)
    {
        if (!state.IsTerminal())
        {
            _live[(int)state]++;
            _committed += resources;
        }
    }

    private void Publish() => Volatile.Write(ref _figures, _capacity is { } capacity ? new NodeFigures(capacity, _committed) : null);
}

/// <summary>A node's capacity and what is committed there, at one moment.</summary>
internal sealed record NodeFigures(Resources Capacity, Resources Committed);
