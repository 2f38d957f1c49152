using Microsoft.Extensions.Options;
using OrleansMesos.Grains.Options;

namespace OrleansMesos.Grains.Allocation;

/// <summary>The cluster's roles, written durably, then applied to every partition; and its directory of members.</summary>
public sealed partial class ClusterGrain(
    [PersistentState("cluster", OrleansMesosOptions.StorageName)] IPersistentState<ClusterGrainState> state,
    IOptions<OrleansMesosOptions> options) : Grain, IClusterGrain
{
    /// <inheritdoc />
    public async Task SetRole(RoleSettings role)
    {
        ArgumentNullException.ThrowIfNull(role);
        state.State.Roles[role.Name] = role;
        await state.WriteOrStepDownAsync(this);
        await Task.WhenAll(Enumerable.Range(0, options.Value.Partitions)
            .Select(p => GrainFactory.GetGrain<IAllocatorPartitionGrain>(p).SetRole(role)));
    }

    /// <inheritdoc />
    public Task<RoleSettings[]> GetRoles() => Task.FromResult(state.State.Roles.Values.OrderBy(r => r.Name).ToArray());
}

/// <summary>The roles the cluster was told, and the nodes and frameworks that registered.</summary>
[GenerateSerializer, Alias("om.ClusterGrainState")]
public sealed class ClusterGrainState
{
    /// <summary>Every role, by name.</summary>
    [Id(0)]
    public Dictionary<RoleName, RoleSettings> Roles { get; set; } = [];

    /// <summary>Every node that registered.</summary>
    [Id(1)]
    public HashSet<NodeId> Nodes { get; set; } = [];

    /// <summary>Every framework registered and not ended.</summary>
    [Id(2)]
    public HashSet<FrameworkId> Frameworks { get; set; } = [];
}
