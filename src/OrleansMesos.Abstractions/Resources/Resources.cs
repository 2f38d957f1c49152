using System.Globalization;
using OrleansMesos.Errors;

namespace OrleansMesos;

/// <summary>
/// A vector of resources: cpus in millicores, memory and disk in bytes, whole GPUs.
/// Every component is non-negative; arithmetic is checked, so an overflow or a subtraction that
/// would go below zero throws instead of wrapping. The human form is
/// <c>cpus=2.5,mem=4GiB,disk=10GiB,gpus=1</c> (see <see cref="Parse(string)"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("om.Resources")]
public readonly partial record struct Resources
{
    /// <summary>One core, in millicores.</summary>
    public const long MilliCpusPerCore = 1000;

    /// <summary>One mebibyte, in bytes.</summary>
    public const long MiB = 1024L * 1024;

    /// <summary>One gibibyte, in bytes.</summary>
    public const long GiB = 1024L * MiB;

    /// <summary>Nothing of anything.</summary>
    public static readonly Resources Zero;

    /// <summary>Creates a vector; every component must be non-negative.</summary>
    /// <exception cref="InvalidFieldException">A component is negative.</exception>
    public Resources(long milliCpus, long memoryBytes, long diskBytes = 0, int gpus = 0)
    {
        _milliCpus = NonNegative(milliCpus, "cpus");
        _memoryBytes = NonNegative(memoryBytes, "mem");
        _diskBytes = NonNegative(diskBytes, "disk");
        _gpus = (int)NonNegative(gpus, "gpus");
    }

    [Id(0)]
    internal readonly long _milliCpus;

    // For results of arithmetic on valid vectors, which are non-negative by construction: skips the checks.
    private Resources(long milliCpus, long memoryBytes, long diskBytes, int gpus, bool trusted)
    {
        _ = trusted;
        _milliCpus = milliCpus;
        _memoryBytes = memoryBytes;
        _diskBytes = diskBytes;
        _gpus = gpus;
    }

    /// <summary>CPU in millicores.</summary>
    public long MilliCpus => _milliCpus;

    [Id(1)]
    internal readonly long _memoryBytes;

    /// <summary>Memory in bytes.</summary>
    public long MemoryBytes => _memoryBytes;

    [Id(2)]
    internal readonly long _diskBytes;

    /// <summary>Disk in bytes.</summary>
    public long DiskBytes => _diskBytes;

    [Id(3)]
    internal readonly int _gpus;

    /// <summary>Whole GPU devices.</summary>
    public int Gpus => _gpus;

    /// <summary>CPU in cores.</summary>
    public double Cpus => MilliCpus / (double)MilliCpusPerCore;

    /// <summary>True when every component is zero.</summary>
    public bool IsZero => MilliCpus == 0 && MemoryBytes == 0 && DiskBytes == 0 && Gpus == 0;

    /// <summary>Builds a vector from cores, MiB and whole GPUs, the units people write.</summary>
    /// <exception cref="InvalidFieldException">A value is negative, not finite, or finer than a millicore / byte.</exception>
    public static Resources FromUnits(double cpus = 0, double memMiB = 0, double diskMiB = 0, int gpus = 0) =>
        new(
            ToWhole(cpus, MilliCpusPerCore, "cpus"),
            ToWhole(memMiB, MiB, "memMiB"),
            ToWhole(diskMiB, MiB, "diskMiB"),
            gpus);

    /// <summary>The component of one kind, as a number of base units.</summary>
    public long this[ResourceKind kind] => kind switch
    {
        ResourceKind.Cpus => MilliCpus,
        ResourceKind.Memory => MemoryBytes,
        ResourceKind.Disk => DiskBytes,
        ResourceKind.Gpus => Gpus,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "one single kind is needed"),
    };

    /// <summary>Component-wise sum; throws <see cref="OverflowException"/> on overflow.</summary>
    public static Resources operator +(Resources a, Resources b) => new(
        checked(a.MilliCpus + b.MilliCpus),
        checked(a.MemoryBytes + b.MemoryBytes),
        checked(a.DiskBytes + b.DiskBytes),
        checked(a.Gpus + b.Gpus),
        trusted: true);

    /// <summary>Component-wise difference; throws <see cref="InvalidOperationException"/> where <paramref name="b"/> is larger.</summary>
    public static Resources operator -(Resources a, Resources b)
    {
        if (!b.FitsIn(a))
        {
            throw new InvalidOperationException($"cannot subtract {b} from {a}: the result would be negative");
        }

        return new(a.MilliCpus - b.MilliCpus, a.MemoryBytes - b.MemoryBytes, a.DiskBytes - b.DiskBytes, a.Gpus - b.Gpus, trusted: true);
    }

    /// <summary>This vector times a whole count; throws <see cref="OverflowException"/> on overflow.</summary>
    public Resources Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(
            checked(MilliCpus * count),
            checked(MemoryBytes * count),
            checked(DiskBytes * count),
            checked(Gpus * count));
    }

    /// <summary>True when every component of this vector is at most that of <paramref name="capacity"/>.</summary>
    public bool FitsIn(in Resources capacity) =>
        MilliCpus <= capacity.MilliCpus
        && MemoryBytes <= capacity.MemoryBytes
        && DiskBytes <= capacity.DiskBytes
        && Gpus <= capacity.Gpus;

    /// <summary>Component-wise minimum.</summary>
    public static Resources Min(in Resources a, in Resources b) => new(
        Math.Min(a.MilliCpus, b.MilliCpus),
        Math.Min(a.MemoryBytes, b.MemoryBytes),
        Math.Min(a.DiskBytes, b.DiskBytes),
        Math.Min(a.Gpus, b.Gpus));

    /// <summary>Component-wise <c>max(0, a - b)</c>: what <paramref name="a"/> has beyond <paramref name="b"/>.</summary>
    public static Resources SaturatingSubtract(in Resources a, in Resources b) => new(
        Math.Max(0, a.MilliCpus - b.MilliCpus),
        Math.Max(0, a.MemoryBytes - b.MemoryBytes),
        Math.Max(0, a.DiskBytes - b.DiskBytes),
        Math.Max(0, a.Gpus - b.Gpus),
        trusted: true);

    /// <summary>The kinds that have a non-zero amount.</summary>
    public ResourceKind NonZeroKinds =>
        (MilliCpus > 0 ? ResourceKind.Cpus : 0)
        | (MemoryBytes > 0 ? ResourceKind.Memory : 0)
        | (DiskBytes > 0 ? ResourceKind.Disk : 0)
        | (Gpus > 0 ? ResourceKind.Gpus : 0);

    /// <summary>
    /// The dominant share of this vector in <paramref name="total"/>: the largest fraction over the
    /// kinds not in <paramref name="excluded"/>. A kind of which the total has none counts as zero.
    /// </summary>
    public double DominantShare(in Resources total, ResourceKind excluded = ResourceKind.None)
    {
        double share = 0;
        if ((excluded & ResourceKind.Cpus) == 0 && total.MilliCpus > 0)
        {
            share = Math.Max(share, MilliCpus / (double)total.MilliCpus);
        }

        if ((excluded & ResourceKind.Memory) == 0 && total.MemoryBytes > 0)
        {
            share = Math.Max(share, MemoryBytes / (double)total.MemoryBytes);
        }

        if ((excluded & ResourceKind.Disk) == 0 && total.DiskBytes > 0)
        {
            share = Math.Max(share, DiskBytes / (double)total.DiskBytes);
        }

        if ((excluded & ResourceKind.Gpus) == 0 && total.Gpus > 0)
        {
            share = Math.Max(share, Gpus / (double)total.Gpus);
        }

        return share;
    }

    private static long NonNegative(long value, string field) =>
        value >= 0 ? value : throw new InvalidFieldException(field, "must not be negative", value.ToString(CultureInfo.InvariantCulture));

    private static long ToWhole(double value, long unit, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new InvalidFieldException(field, "must be a finite number");
        }

        if (value < 0)
        {
            throw new InvalidFieldException(field, "must not be negative", value.ToString(CultureInfo.InvariantCulture));
        }

        var scaled = value * unit;
        if (scaled > long.MaxValue / 2)
        {
            throw new InvalidFieldException(field, "is too large", value.ToString(CultureInfo.InvariantCulture));
        }

        // A value written to the millicore or byte lands within an ulp or two of a whole number
        // (1.005 * 1000 is 1004.9999999999999); anything further off is a real fraction of a unit.
        var whole = Math.Round(scaled);
        if (Math.Abs(scaled - whole) > 4 * (Math.BitIncrement(scaled) - scaled))
        {
            var grain = unit == MilliCpusPerCore ? "a millicore (0.001)" : "one byte";
            throw new InvalidFieldException(field, $"must be a whole multiple of {grain}", value.ToString(CultureInfo.InvariantCulture));
        }

        return (long)whole;
    }
}
