namespace OrleansMesos.Allocation.Internal;

/// <summary>The engine's books for one role.</summary>
internal sealed class RoleState(RoleSettings settings) : HeapItem
{
    public RoleSettings Settings { get; set; } = settings;

    public Resources Allocated { get; set; }

    /// <summary>The sum of its frameworks' <see cref="FrameworkState.External"/>.</summary>
    public Resources External { get; set; }

    /// <summary>What the role still lacks of its guarantee: <c>max(0, guarantee - allocated)</c>.</summary>
    public Resources Unmet => Resources.SaturatingSubtract(Settings.Guarantee, Allocated);

    public List<FrameworkState> Frameworks { get; } = [];

    /// <summary>The role's frameworks that may still receive grants in the running stage.</summary>
    public IndexedHeap<FrameworkState> Active { get; } = new();
}
