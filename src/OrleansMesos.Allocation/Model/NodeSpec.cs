using OrleansMesos.Errors;

namespace OrleansMesos.Allocation;

/// <summary>A node as the engine sees it: its id, what it offers, and attributes that constraints match on.</summary>
public sealed record NodeSpec
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    /// <summary>Creates the spec.</summary>
    /// <exception cref="InvalidFieldException">The capacity is zero, or an attribute key is empty.</exception>
    public NodeSpec(NodeId id, Resources capacity, IReadOnlyDictionary<string, string>? attributes = null)
    {
        if (id.Value is null)
        {
            throw new InvalidFieldException("id", IdRules.Rule, "null");
        }

        if (capacity.IsZero)
        {
            throw new InvalidFieldException("capacity", "must offer some resource");
        }

        foreach (var key in attributes?.Keys ?? [])
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new InvalidFieldException("attributes", "keys must not be empty");
            }
        }

        Id = id;
        Capacity = capacity;
        Attributes = attributes ?? NoAttributes;
    }

    /// <summary>The node's id.</summary>
    public NodeId Id { get; }

    /// <summary>Everything the node offers to the cluster.</summary>
    public Resources Capacity { get; }

    /// <summary>Attributes such as <c>zone=a</c> that demand constraints match.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }
}
