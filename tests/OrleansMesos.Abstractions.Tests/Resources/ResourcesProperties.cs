using FsCheck;
using FsCheck.Fluent;
using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

/// <summary>Properties of the resource vector over many generated values (FsCheck).</summary>
public sealed class ResourcesProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static void Check<T>(Arbitrary<T> values, Action<T> property) =>
        FsCheck.Check.One(Runs, Prop.ForAll(values, property));

    [Fact]
    public void ParseOfToString_GivesBackTheSameVector() =>
        Check(ResourcesGen.Vectors, r => Assert.Equal(r, Resources.Parse(r.ToString())));

    [Fact]
    public void TryParseOfToString_GivesBackTheSameVector() =>
        Check(ResourcesGen.Vectors, r =>
        {
            Assert.True(Resources.TryParse(r.ToString(), out var parsed), r.ToString());
            Assert.Equal(r, parsed);
        });

    [Fact]
    public void ToString_OfAParsedVector_IsStable() =>
        Check(ResourcesGen.Vectors, r =>
        {
            var text = r.ToString();
            Assert.Equal(text, Resources.Parse(text).ToString());
        });

    [Fact]
    public void PlusThenMinus_GivesBackTheFirst() =>
        Check(ResourcesGen.ModestPairs, p =>
        {
            var (a, b) = p;
            Assert.Equal(a, a + b - b);
            Assert.Equal(a + b, b + a);
            Assert.True(a.FitsIn(a + b));
        });

    [Fact]
    public void SaturatingSubtractPlusMin_IsTheFirst() =>
        Check(ResourcesGen.ModestPairs, p =>
        {
            var (a, b) = p;
            Assert.Equal(a, Resources.SaturatingSubtract(a, b) + Resources.Min(a, b));
            Assert.True(Resources.Min(a, b).FitsIn(a));
            Assert.True(Resources.Min(a, b).FitsIn(b));
        });

    [Fact]
    public void Minus_IsDefinedExactlyWhenTheSecondFits() =>
        Check(ResourcesGen.ModestPairs, p =>
        {
            var (a, b) = p;
            if (b.FitsIn(a))
            {
                Assert.Equal(Resources.SaturatingSubtract(a, b), a - b);
            }
            else
            {
                Assert.Throws<InvalidOperationException>(() => a - b);
            }
        });

    [Fact]
    public void Times_IsRepeatedAddition() =>
        Check(ResourcesGen.ModestPairs, p => Assert.Equal(p.A + p.A + p.A, p.A.Times(3)));

    [Fact]
    public void DominantShare_OfWhatFits_IsBetweenZeroAndOne() =>
        Check(ResourcesGen.ModestPairs, p =>
        {
            var total = p.A + p.B;
            var share = p.A.DominantShare(total);
            Assert.InRange(share, 0, 1);
            Assert.Equal(p.A.IsZero, share == 0);
            Assert.True(share >= p.A.DominantShare(total, ResourceKind.Cpus));
        });

    [Fact]
    public void FromUnits_TakesAnyMillicoreCountWrittenAsCores() =>
        Check(Arb.From(Gen.Choose(0, int.MaxValue).Select(n => (long)n * 467)), milli =>
            Assert.Equal(milli, Resources.FromUnits(cpus: milli / 1000.0).MilliCpus));

    [Fact]
    public void FromUnits_TakesAnyByteCountWrittenAsMiB() =>
        Check(Arb.From(ResourcesGen.AnyAmount.Select(n => n >> 9)), bytes =>
        {
            var r = Resources.FromUnits(memMiB: bytes / (double)Resources.MiB, diskMiB: bytes / (double)Resources.MiB);
            Assert.Equal(bytes, r.MemoryBytes);
            Assert.Equal(bytes, r.DiskBytes);
        });

    [Fact]
    public void FromUnits_RefusesHalfAMillicoreAtAnyScale() =>
        Check(Arb.From(Gen.Choose(0, int.MaxValue).Select(n => (long)n * 467)), milli =>
        {
            var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(cpus: (milli + 0.5) / 1000));
            Assert.Equal("cpus", ex.Field);
        });

    [Fact]
    public void FromUnits_RefusesHalfAByteAtAnyScale() =>
        Check(Arb.From(ResourcesGen.AnyAmount.Select(n => n >> 20)), bytes =>
        {
            // (bytes + 0.5) / 2^20 is exact in a double for bytes below 2^42.
            var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(memMiB: (bytes + 0.5) / Resources.MiB));
            Assert.Equal("memMiB", ex.Field);
            Assert.Equal("must be a whole multiple of one byte", ex.Rule);
        });
}
