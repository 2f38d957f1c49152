using System.Globalization;
using OrleansMesos.Errors;

namespace OrleansMesos.Allocation;

/// <summary>
/// Part of what a framework wants: <see cref="Count"/> tasks of one shape, optionally only on nodes
/// whose attributes match <see cref="Constraints"/> (every key equal).
/// </summary>
public sealed record DemandGroup
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Creates a validated group.</summary>
    /// <exception cref="InvalidFieldException">The task asks for nothing, or the count is negative.</exception>
    public DemandGroup(Resources task, int count, IReadOnlyDictionary<string, string>? constraints = null)
    {
        if (task.IsZero)
        {
            throw new InvalidFieldException("task", "must ask for some resource");
        }

        if (count < 0)
        {
            throw new InvalidFieldException("count", "must not be negative", count.ToString(CultureInfo.InvariantCulture));
        }

        Task = task;
        Count = count;
        Constraints = constraints ?? None;
    }

    /// <summary>The resources of one task.</summary>
    public Resources Task { get; }

    /// <summary>How many such tasks are wanted.</summary>
    public int Count { get; }

    /// <summary>Node attributes a task needs, key to value; empty when any node will do.</summary>
    public IReadOnlyDictionary<string, string> Constraints { get; }
}
