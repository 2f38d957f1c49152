namespace OrleansMesos.Allocation;

/// <summary>
/// One task's resources on one node, granted to one framework. The resources are allocated to the
/// framework until it releases or declines them.
/// </summary>
/// <param name="Framework">Who received the grant.</param>
/// <param name="Node">Where the resources are.</param>
/// <param name="Resources">What was granted: the shape of one task.</param>
/// <param name="Group">The index of the demand group the task came from.</param>
/// <param name="DemandVersion">The version of the framework's demand when granted; a decline returns the task to demand only while it is current.</param>
public readonly record struct Grant(FrameworkId Framework, NodeId Node, Resources Resources, int Group, int DemandVersion);
