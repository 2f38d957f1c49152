using System.Diagnostics;
using Orleans;
using Orleans.Runtime;
using OrleansMesos.Grains;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// Asks every grain that matters, every <see cref="Interval"/>, whether it answers: each node grain
/// (<c>GetSnapshot</c>), each allocator partition (<c>GetView</c>) and each framework grain (<c>GetSnapshot</c>),
/// each call given <see cref="CallTimeout"/>. Calls are started on the interval whether or not the last one has
/// returned, so a call lost with a dead gateway or silo costs no resolution.
/// </summary>
/// <remarks>
/// A grain answers again at the end of its earliest successful call after which every call started succeeded;
/// calls started before it may still fail (messages lost with the dead silo). The probe stops once every grain
/// has answered every call started in the last <see cref="Stable"/>.
/// </remarks>
internal sealed class GrainProbe
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Stable = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(500);

    private readonly Target[] _targets;
    private readonly IManagementGrain _management;

    public GrainProbe(IClusterClient grains, IEnumerable<NodeId> nodes, int partitions, IEnumerable<FrameworkId> frameworks)
    {
        _targets =
        [
            .. nodes.Select(n => grains.GetGrain<INodeGrain>(n.Value)).Select(g => new Target($"node {g.GetPrimaryKeyString()}", g, () => g.GetSnapshot())),
            .. Enumerable.Range(0, partitions).Select(p => grains.GetGrain<IAllocatorPartitionGrain>(p)).Select(g => new Target($"partition {g.GetPrimaryKeyLong()}", g, () => g.GetView())),
            .. frameworks.Select(f => grains.GetGrain<IFrameworkGrain>(f.Value)).Select(g => new Target($"framework {g.GetPrimaryKeyString()}", g, () => g.GetSnapshot())),
        ];
        _management = grains.GetGrain<IManagementGrain>(0);
    }

    public int Grains => _targets.Length;

    /// <summary>
    /// Which silo holds each grain's activation now (the grain directory's answer), by the node of that silo's
    /// agent; "?" when the directory has none or does not answer.
    /// </summary>
    public async Task<Dictionary<string, string>> LocateAsync(IReadOnlyList<BenchSilo> silos)
    {
        var hosts = new Dictionary<string, string>();
        foreach (var target in _targets)
        {
            try
            {
                var silo = await _management.GetActivationAddress(target.Grain).AsTask().WaitAsync(CallTimeout);
                hosts[target.Name] = silos.FirstOrDefault(s => s.SiloPort == silo?.Endpoint.Port)?.Node.Value ?? "?";
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                hosts[target.Name] = "?";
            }
        }

        return hosts;
    }

    /// <summary>Probes from now until every grain has answered steadily, or until <paramref name="bound"/> after <paramref name="since"/>.</summary>
    public async Task<ProbeResult> RunAsync(long since, TimeSpan bound, CancellationToken cancellationToken)
    {
        var calls = new List<Task>();
        using var timer = new PeriodicTimer(Interval);
        var stable = false;
        do
        {
            calls.RemoveAll(c => c.IsCompleted);
            calls.AddRange(_targets.Select(t => t.CallAsync()));
            await timer.WaitForNextTickAsync(cancellationToken);
            var now = Stopwatch.GetTimestamp();
            stable = _targets.All(t => t.AnsweredSince(now - (long)(Stable.TotalSeconds * Stopwatch.Frequency), now));
        }
        while (!stable && Stopwatch.GetElapsedTime(since) < bound);

        await Task.WhenAll(calls);
        var answered = _targets.Select(t => t.AnsweredAgain()).ToArray();
        // A call still out when the probe stopped may have failed after all: then that grain has not answered steadily.
        var all = stable && answered.All(a => a is not null) ? answered.Max(a => Stopwatch.GetElapsedTime(since, a!.Value)) : (TimeSpan?)null;
        var outages = _targets.Where(t => t.Failures > 0)
            .Select(t => new GrainOutage(t.Name, t.Failures, t.AnsweredAgain() is { } at ? Stopwatch.GetElapsedTime(since, at) : null, t.Errors()))
            .ToArray();
        return new ProbeResult(all, Stopwatch.GetElapsedTime(since), _targets.Length, outages);
    }

    /// <summary>One grain's call, and every call made to it: start, end, success.</summary>
    private sealed class Target(string name, IAddressable grain, Func<Task> call)
    {
        private readonly List<(long Start, long End, bool Ok)> _calls = [];
        private readonly Dictionary<string, int> _errors = [];

        public string Name { get; } = name;

        public IAddressable Grain { get; } = grain;

        public int Failures { get; private set; }

        public async Task CallAsync()
        {
            var start = Stopwatch.GetTimestamp();
            var ok = true;
            string? error = null;
            try
            {
                await call().WaitAsync(CallTimeout);
            }
            catch (Exception ex)
            {
                ok = false;
                error = ex.GetType().Name;
            }

            lock (_calls)
            {
                _calls.Add((start, Stopwatch.GetTimestamp(), ok));
                if (error is not null)
                {
                    Failures++;
                    _errors[error] = _errors.GetValueOrDefault(error) + 1;
                }
            }
        }

        /// <summary>
        /// True when every call started since <paramref name="from"/> that has ended succeeded, and calls started early
        /// enough to have ended by <paramref name="now"/> (past their timeout) are among them.
        /// </summary>
        public bool AnsweredSince(long from, long now)
        {
            var settled = now - (long)((CallTimeout + Slack).TotalSeconds * Stopwatch.Frequency);
            lock (_calls)
            {
                var window = _calls.Where(c => c.Start >= from).ToArray();
                return window.Any(c => c.Start < settled) && window.All(c => c.Ok);
            }
        }

        /// <summary>The end of its earliest successful call after which every call started succeeded; null if its last call failed.</summary>
        public long? AnsweredAgain()
        {
            lock (_calls)
            {
                var lastFailure = _calls.Where(c => !c.Ok).Select(c => c.Start).DefaultIfEmpty(long.MinValue).Max();
                var after = _calls.Where(c => c.Ok && c.Start > lastFailure).ToArray();
                return after.Length == 0 ? null : after.Min(c => c.End);
            }
        }

        public string Errors()
        {
            lock (_calls)
            {
                return string.Join(", ", _errors.Select(e => $"{e.Value}× {e.Key}"));
            }
        }
    }
}

/// <summary>
/// What the probe saw: when the last grain answered again (null: not all within the bound), how long it looked, and
/// each grain that failed a call at least once, with when it answered again.
/// </summary>
internal sealed record ProbeResult(TimeSpan? AllAnswered, TimeSpan Looked, int Grains, GrainOutage[] Outages);

/// <summary>A grain that did not answer at least once: how often, when it answered again (after the kill), and why its calls failed.</summary>
internal sealed record GrainOutage(string Grain, int Failures, TimeSpan? AnsweredAgain, string Errors);
