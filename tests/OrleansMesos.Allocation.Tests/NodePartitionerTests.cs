namespace OrleansMesos.Allocation.Tests;

public sealed class NodePartitionerTests
{
    // FNV-1a test vectors (the published 64-bit values).
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void StableHash_IsFnv1a64(string text, ulong expected) =>
        Assert.Equal(expected, NodePartitioner.StableHash(text));

    [Fact]
    public void Partitions_AreStable_AndSpreadEvenly()
    {
        var counts = new int[8];
        for (var i = 0; i < 8000; i++)
        {
            var p = NodePartitioner.PartitionOf(new NodeId($"node-{i}"), 8);
            Assert.Equal(p, NodePartitioner.PartitionOf(new NodeId($"node-{i}"), 8));
            counts[p]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    // Jump hash: growing from P to P+1 buckets moves keys only into the new bucket, about 1/(P+1) of them.
    [Fact]
    public void GrowingByOnePartition_MovesOnlyIntoTheNewOne()
    {
        var moved = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var id = new NodeId($"n{i}");
            var before = NodePartitioner.PartitionOf(id, 7);
            var after = NodePartitioner.PartitionOf(id, 8);
            if (before != after)
            {
                Assert.Equal(7, after);
                moved++;
            }
        }

        Assert.InRange(moved, 1000, 1500);
    }

    [Fact]
    public void OnePartition_TakesEverything() =>
        Assert.Equal(0, NodePartitioner.PartitionOf(new NodeId("x"), 1));

    [Fact]
    public void ZeroPartitions_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NodePartitioner.PartitionOf(new NodeId("x"), 0));
}
