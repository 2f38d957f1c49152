using OrleansMesos.Errors;

namespace OrleansMesos;

/// <summary>
/// A ceiling on some kinds of resource; the kinds it does not name are unlimited (as in Mesos, where a
/// quota limit of <c>cpus:100</c> says nothing about memory). <c>default</c> limits nothing.
/// The human form names only the limited kinds: <c>cpus=100,gpus=0</c>; <c>unlimited</c> when none.
/// </summary>
[GenerateSerializer, Immutable, Alias("om.ResourceLimit")]
public readonly record struct ResourceLimit
{
    /// <summary>Limits the kinds in <paramref name="kinds"/> to the amounts in <paramref name="amounts"/>.</summary>
    public ResourceLimit(Resources amounts, ResourceKind kinds = ResourceKind.All)
    {
        if ((kinds & ~ResourceKind.All) != 0)
        {
            throw new InvalidFieldException("limit", "must name only cpus, mem, disk and gpus", kinds.ToString());
        }

        _kinds = kinds;
        _amounts = Unbounded(amounts, kinds);
    }

    /// <summary>No limit on anything.</summary>
    public static ResourceLimit Unlimited => default;

    [Id(0)]
    internal readonly ResourceKind _kinds;

    /// <summary>The kinds that are limited.</summary>
    public ResourceKind Kinds => _kinds;

    [Id(1)]
    internal readonly Resources _amounts;

    /// <summary>The ceilings; a kind not in <see cref="Kinds"/> reads as zero here and is unlimited.</summary>
    public Resources Amounts => _amounts;

    /// <summary>True when nothing is limited.</summary>
    public bool IsUnlimited => Kinds == ResourceKind.None;

    /// <summary>A limit on every kind: the vector itself is the ceiling.</summary>
    public static implicit operator ResourceLimit(Resources amounts) => new(amounts);

    /// <summary>True when <paramref name="allocation"/> stays at or below the ceiling of every limited kind.</summary>
    public bool Allows(in Resources allocation) =>
        ((Kinds & ResourceKind.Cpus) == 0 || allocation.MilliCpus <= Amounts.MilliCpus)
        && ((Kinds & ResourceKind.Memory) == 0 || allocation.MemoryBytes <= Amounts.MemoryBytes)
        && ((Kinds & ResourceKind.Disk) == 0 || allocation.DiskBytes <= Amounts.DiskBytes)
        && ((Kinds & ResourceKind.Gpus) == 0 || allocation.Gpus <= Amounts.Gpus);

    /// <summary>Parses the human form of <see cref="Resources.Parse(string)"/>; the kinds named are limited, the rest are not.</summary>
    /// <exception cref="InvalidFieldException">As <see cref="Resources.Parse(string)"/>.</exception>
    public static ResourceLimit Parse(string text)
    {
        if (text?.Trim().Equals("unlimited", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Unlimited;
        }

        var amounts = Resources.Parse(text!, out var named);
        return new ResourceLimit(amounts, named);
    }

    /// <summary>The limited kinds in the human form; <c>unlimited</c> when none.</summary>
    public override string ToString() => IsUnlimited ? "unlimited" : Amounts.Format(Kinds);

    // Zero the kinds that are not limited so that equal limits compare equal.
    private static Resources Unbounded(in Resources amounts, ResourceKind kinds) => new(
        (kinds & ResourceKind.Cpus) != 0 ? amounts.MilliCpus : 0,
        (kinds & ResourceKind.Memory) != 0 ? amounts.MemoryBytes : 0,
        (kinds & ResourceKind.Disk) != 0 ? amounts.DiskBytes : 0,
        (kinds & ResourceKind.Gpus) != 0 ? amounts.Gpus : 0);
}
