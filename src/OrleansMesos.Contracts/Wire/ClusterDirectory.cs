namespace OrleansMesos.Wire;

/// <summary>
/// What the cluster grain knows of the cluster's members, for operators: how many allocator partitions there
/// are (keys 0…P-1), every node that ever registered, and every framework registered and not ended.
/// Ask the node and framework grains themselves for their standing.
/// </summary>
/// <param name="Partitions">The number of allocator partitions.</param>
/// <param name="Nodes">Node ids, in order.</param>
/// <param name="Frameworks">Framework ids, in order.</param>
[GenerateSerializer, Immutable, Alias("om.ClusterDirectory")]
public sealed record ClusterDirectory(
    [property: Id(0)] int Partitions,
    [property: Id(1)] NodeId[] Nodes,
    [property: Id(2)] FrameworkId[] Frameworks);
