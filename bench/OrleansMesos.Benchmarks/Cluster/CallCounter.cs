using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Orleans;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// A silo call filter that counts every grain call by interface method (storage grains and one-way calls
/// included; calls to client observers are not grain calls and are counted by the fakes) and sums the wall
/// time from the call's start to its end, awaits inside it included.
/// </summary>
internal sealed class CallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<MethodInfo, Entry> _calls = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var entry = _calls.GetOrAdd(context.InterfaceMethod, static m => new Entry($"{Short(m.DeclaringType)}.{m.Name}"));
        var start = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            Interlocked.Increment(ref entry.Count);
            Interlocked.Add(ref entry.Ticks, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Calls and summed ticks by method name.</summary>
    public Dictionary<string, (long Count, long Ticks)> Snapshot() =>
        _calls.Values.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => (g.Sum(e => Interlocked.Read(ref e.Count)), g.Sum(e => Interlocked.Read(ref e.Ticks))));

    private static string Short(Type? type) => type is null ? "?" : type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;

    private sealed class Entry(string name)
    {
        public long Count;
        public long Ticks;

        public string Name { get; } = name;
    }
}
