using OrleansMesos.Wire;

namespace OrleansMesos.Grains;

/// <summary>
/// One per node: the one authority on what is committed there. A commit that would over-commit is
/// refused whatever any allocator believes; a commit is confirmed only after its state write succeeded.
/// </summary>
[Alias("om.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>Registers (or re-registers) the node with its capacity, attributes and agent.</summary>
    [Alias("Register")]
    Task Register(NodeRegistration registration);

    /// <summary>The agent is alive, and (optionally) what it measures in use on its host.</summary>
    [OneWay, Alias("Heartbeat")]
    Task Heartbeat(NodeUsage? usage = null);

    /// <summary>
    /// Commits the containers of a redeemed lease and asks the agent to launch them. Refused with an
    /// over-commit error, and nothing recorded, when they do not fit the node's free resources.
    /// Idempotent per container: containers already recorded are not launched again.
    /// </summary>
    [Alias("Launch")]
    Task<ContainerId[]> Launch(FrameworkId framework, LeaseId lease, ContainerSpec[] containers);

    /// <summary>Asks the agent to kill a container of the framework.</summary>
    [Alias("Kill")]
    Task Kill(FrameworkId framework, ContainerId container);

    /// <summary>An agent's report of a container's state; terminal states release the container's resources.</summary>
    [Alias("Report")]
    Task Report(AgentReport report);

    /// <summary>The node's books. Read-only, so it may interleave: a partition rebuilding its view calls it while the node may be waiting on that partition.</summary>
    [AlwaysInterleave, Alias("GetSnapshot")]
    Task<NodeSnapshot> GetSnapshot();

    /// <summary>
    /// Drains the node: it takes no new leases and its partition rescinds the leases outstanding on it (unclaimed
    /// ones; a redemption already under way is refused by the node). Running containers keep running; with a
    /// <paramref name="deadline"/>, those still running when it has passed are killed (reported Killed, with the
    /// reason). Idempotent; a later call with a deadline sets it anew, one without keeps the one set.
    /// </summary>
    /// <exception cref="Errors.UnknownEntityException">The node never registered.</exception>
    /// <exception cref="Errors.InvalidFieldException">The deadline is negative.</exception>
    [Alias("Drain")]
    Task Drain(TimeSpan? deadline = null);

    /// <summary>
    /// The node leaves the cluster (its agent is stopping for good, after a drain): it takes no work, its partition
    /// forgets it, and containers still recorded as live are reported Lost. A later registration brings it back.
    /// Idempotent.
    /// </summary>
    [Alias("Leave")]
    Task Leave();

    /// <summary>Ends a drain (and its deadline): the node takes new leases again once it is reachable. Idempotent.</summary>
    /// <exception cref="Errors.UnknownEntityException">The node never registered.</exception>
    [Alias("Undrain")]
    Task Undrain();

    /// <summary>Checks the heartbeat deadline and the lost-container grace period now (also done on a timer).</summary>
    [Alias("CheckHealth")]
    Task CheckHealth();
}
