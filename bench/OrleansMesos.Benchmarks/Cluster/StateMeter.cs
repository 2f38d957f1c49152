using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Storage;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>Counts the grain state writes by state type: how many, how many bytes, how long serialising took.</summary>
internal sealed class StateMeter
{
    private readonly ConcurrentDictionary<Type, Entry> _writes = new();

    public void Add(Type type, int bytes, long ticks)
    {
        var entry = _writes.GetOrAdd(type, static t => new Entry());
        Interlocked.Increment(ref entry.Count);
        Interlocked.Add(ref entry.Bytes, bytes);
        Interlocked.Add(ref entry.Ticks, ticks);
    }

    public Dictionary<string, (long Count, long Bytes, long Ticks)> Snapshot() =>
        _writes.ToDictionary(kv => kv.Key.Name, kv => (Interlocked.Read(ref kv.Value.Count), Interlocked.Read(ref kv.Value.Bytes), Interlocked.Read(ref kv.Value.Ticks)));

    private sealed class Entry
    {
        public long Count;
        public long Bytes;
        public long Ticks;
    }
}

/// <summary>The memory storage's serializer, measured: every state write passes through <see cref="Serialize{T}"/>.</summary>
internal sealed class MeteredStorageSerializer(IGrainStorageSerializer inner, StateMeter meter) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input)
    {
        var start = Stopwatch.GetTimestamp();
        var data = inner.Serialize(input);
        meter.Add(typeof(T), data.ToMemory().Length, Stopwatch.GetTimestamp() - start);
        return data;
    }

    public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(input);
}
