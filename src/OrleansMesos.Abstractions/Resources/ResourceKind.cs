namespace OrleansMesos;

/// <summary>The kinds of resource a node offers.</summary>
[Flags]
public enum ResourceKind
{
    /// <summary>No kind.</summary>
    None = 0,

    /// <summary>CPU, counted in millicores (1000 = one core).</summary>
    Cpus = 1,

    /// <summary>Memory, in bytes.</summary>
    Memory = 2,

    /// <summary>Disk, in bytes.</summary>
    Disk = 4,

    /// <summary>Whole GPU devices.</summary>
    Gpus = 8,

    /// <summary>Every kind.</summary>
    All = Cpus | Memory | Disk | Gpus,
}
