namespace OrleansMesos.Allocation;

/// <summary>Why a framework's demand is not met, most specific first.</summary>
public enum UnmetReason
{
    /// <summary>Nothing is unmet: the framework has no remaining demand.</summary>
    None,

    /// <summary>The framework suppressed its offers.</summary>
    Suppressed,

    /// <summary>No node could ever fit the task, even empty (size, GPU guard or attribute constraints).</summary>
    NoNodeCanFit,

    /// <summary>One more task would take the role past its limit.</summary>
    RoleLimitReached,

    /// <summary>Every node with room is filtered for this framework (declined with a filter).</summary>
    Filtered,

    /// <summary>There is room, but it is held back for roles whose guarantees are not met yet.</summary>
    HeldForGuarantees,

    /// <summary>No node has room now: the resources are held by others (see the shares).</summary>
    WaitingForResources,

    /// <summary>A node has room and nothing forbids a grant: the next allocation pass will grant.</summary>
    Grantable,
}

/// <summary>A role and its share, as it stands ahead of (or beside) the framework explained.</summary>
/// <param name="Role">The role.</param>
/// <param name="DominantShare">Its dominant share.</param>
/// <param name="WeightedShare">Its dominant share divided by its weight.</param>
public sealed record ShareEntry(RoleName Role, double DominantShare, double WeightedShare);

/// <summary>The engine's answer to "why is this framework's demand not met?".</summary>
/// <param name="Framework">The framework.</param>
/// <param name="RemainingTasks">Tasks not granted yet.</param>
/// <param name="Reason">The reason, for programs.</param>
/// <param name="Message">The reason in words, with figures.</param>
/// <param name="OwnWeightedShare">The weighted share of the framework's role.</param>
/// <param name="RolesAhead">Roles with a lower weighted share that hold resources, lowest first.</param>
public sealed record Explanation(
    FrameworkId Framework,
    int RemainingTasks,
    UnmetReason Reason,
    string Message,
    double OwnWeightedShare,
    IReadOnlyList<ShareEntry> RolesAhead);
