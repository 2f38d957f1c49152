using FsCheck;
using FsCheck.Fluent;

namespace OrleansMesos.Abstractions.Tests;

/// <summary>
/// Generators of resource vectors whose every component <see cref="Resources.Parse"/> accepts:
/// up to <c>long.MaxValue / 2</c>, weighted towards the round amounts people write and the edges.
/// </summary>
public static class ResourcesGen
{
    /// <summary>The largest amount of a long component that the human form accepts.</summary>
    public const long MaxAmount = long.MaxValue / 2;

    private static readonly long[] Units = [1, 10, 100, 250, 1000, 1024, 1_000_000, Resources.MiB, Resources.GiB, 1024 * Resources.GiB];

    /// <summary>Any long in [0, 2^62 - 1], uniformly over its bits: two 31-bit halves.</summary>
    public static Gen<long> AnyAmount { get; } =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((long)high << 31) | (uint)low;

    /// <summary>An amount of a long component: small, round, edge or anything.</summary>
    public static Gen<long> Amount { get; } = Gen.Frequency(
        (3, Gen.Constant(0L)),
        (2, Gen.Choose(1, 2048).Select(n => (long)n)),
        (4, from unit in Gen.Elements(Units) from count in Gen.Choose(1, 4096) select unit * count),
        (1, Gen.Elements(1L, MaxAmount, MaxAmount - 1, 1023L, 1025L, Resources.GiB - 1, Resources.GiB + 1)),
        (4, AnyAmount));

    /// <summary>A GPU count: usually a few, sometimes anything up to <see cref="int.MaxValue"/>.</summary>
    public static Gen<int> GpuCount { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 8)),
        (1, Gen.Choose(0, int.MaxValue)),
        (1, Gen.Constant(int.MaxValue)));

    /// <summary>Any vector the human form can carry.</summary>
    public static Gen<Resources> Vector { get; } =
        from milli in Amount
        from mem in Amount
        from disk in Amount
        from gpus in GpuCount
        select new Resources(milli, mem, disk, gpus);

    /// <summary>A vector small enough that sums and doublings of a few of them cannot overflow.</summary>
    public static Gen<Resources> Modest { get; } =
        from milli in Gen.Choose(0, 1_000_000)
        from memMiB in Gen.Choose(0, 1 << 22)
        from diskBytes in Gen.Choose(0, int.MaxValue)
        from gpus in Gen.Choose(0, 64)
        select new Resources(milli, memMiB * Resources.MiB, diskBytes, gpus);

    /// <summary><see cref="Vector"/> as an arbitrary, without shrinking.</summary>
    public static Arbitrary<Resources> Vectors { get; } = Arb.From(Vector);

    /// <summary>Two <see cref="Modest"/> vectors.</summary>
    public static Arbitrary<(Resources A, Resources B)> ModestPairs { get; } = Arb.From(Gen.Zip(Modest, Modest));
}
