using System.Text;

namespace OrleansMesos.Allocation;

/// <summary>
/// Assigns nodes to allocator partitions: a stable 64-bit hash of the node id (FNV-1a over UTF-8, the same
/// in every process and run) placed by jump consistent hash (Lamping and Veach, 2014), so that going from
/// P to P+1 partitions moves only about 1/(P+1) of the nodes.
/// </summary>
public static class NodePartitioner
{
    /// <summary>The partition of <paramref name="node"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(NodeId node, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return JumpHash(StableHash(node.Value ?? string.Empty), partitions);
    }

    /// <summary>FNV-1a, 64-bit, over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong StableHash(string text)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }

    /// <summary>Jump consistent hash: a bucket in [0, <paramref name="buckets"/>) for <paramref name="key"/>.</summary>
    public static int JumpHash(ulong key, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        long b = -1, j = 0;
        while (j < buckets)
        {
            b = j;
            key = unchecked((key * 2862933555777941757UL) + 1);
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)b;
    }
}
