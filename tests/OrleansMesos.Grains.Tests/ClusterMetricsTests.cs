using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansMesos.Allocation;
using OrleansMesos.Grains.Telemetry;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// <see cref="ClusterMetrics"/> on its own, read through a <see cref="MeterListener"/>: containers by state
/// stay exact across transitions and activations, lease endings land in their counters, node figures and
/// shares appear and go as their publishers say.
/// </summary>
public sealed class ClusterMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ClusterMetrics _metrics;
    private readonly Recorder _recorder;

    public ClusterMetricsTests()
    {
        _metrics = new ClusterMetrics(_services.GetRequiredService<IMeterFactory>());
        _recorder = new Recorder(_metrics.Meter);
    }

    [Fact]
    public void ContainersByState_AreExactAcrossTransitions_AndADeactivationTakesBackWhatItCounted()
    {
        // Given an activation whose books hold a Running container (1 cpu) and a Finished one.
        var a = Record("a", ContainerState.Running, "cpus=1,mem=1GiB");
        var n1 = _metrics.ForNode(new NodeId("n1"), R("cpus=4,mem=4GiB"), [a, Record("b", ContainerState.Finished, "cpus=1")]);
        Assert.Equal(1, _recorder.Sum(MetricNames.Containers, "state=Running"));
        Assert.Equal(0, _recorder.Sum(MetricNames.ContainersEnded));

        // When a container is launched and moves Staging -> Starting -> Running, and the first one is killed.
        var c = Record("c", ContainerState.Staging, "cpus=0.5,mem=256MiB");
        n1.Launched(c);
        Assert.Equal(1, _recorder.Sum(MetricNames.Containers, "state=Staging"));
        n1.Moved(ContainerState.Staging, c with { State = ContainerState.Starting });
        n1.Moved(ContainerState.Starting, c with { State = ContainerState.Running });
        n1.Moved(ContainerState.Running, a with { State = ContainerState.Killed });

        // Then each state counts what is in it, and the node's figures follow: 0.5 of 4 cores committed.
        Assert.Equal(0, _recorder.Sum(MetricNames.Containers, "state=Staging"));
        Assert.Equal(0, _recorder.Sum(MetricNames.Containers, "state=Starting"));
        Assert.Equal(1, _recorder.Sum(MetricNames.Containers, "state=Running"));
        Assert.Equal(1, _recorder.Sum(MetricNames.ContainersEnded, "state=Killed"));
        var gauges = _recorder.Observe();
        Assert.Equal(0.5, gauges[(MetricNames.NodeCpus, "node=n1,state=committed")]);
        Assert.Equal(3.5, gauges[(MetricNames.NodeCpus, "node=n1,state=free")]);
        Assert.Equal(256L << 20, gauges[(MetricNames.NodeMemory, "node=n1,state=committed")]);
        Assert.Equal(4L << 30, gauges[(MetricNames.NodeMemory, "node=n1,state=committed")] + gauges[(MetricNames.NodeMemory, "node=n1,state=free")]);

        // When a second node holds one more, and then the first node's activation ends.
        var n2 = _metrics.ForNode(new NodeId("n2"), R("cpus=2"), [Record("d", ContainerState.Starting, "cpus=1")]);
        n1.Dispose();

        // Then only the second node's container and figures are left; ending it too leaves nothing.
        Assert.Equal(0, _recorder.Sum(MetricNames.Containers, "state=Running"));
        Assert.Equal(1, _recorder.Sum(MetricNames.Containers, "state=Starting"));
        gauges = _recorder.Observe();
        Assert.DoesNotContain(gauges.Keys, k => k.Tags.Contains("node=n1", StringComparison.Ordinal));
        Assert.Equal(1, gauges[(MetricNames.NodeCpus, "node=n2,state=committed")]);
        n2.Dispose();
        n2.Dispose();
        Assert.Equal(0, _recorder.Sum(MetricNames.Containers));
        Assert.DoesNotContain(_recorder.Observe().Keys, k => k.Name.StartsWith("orleansmesos.node.", StringComparison.Ordinal));
    }

    [Fact]
    public void ANodeIsPublishedOnceRegistered_AndANewActivationOutlivesTheOldOnesEnd()
    {
        var unregistered = _metrics.ForNode(new NodeId("n"), null, []);
        Assert.Empty(_recorder.Observe());

        unregistered.SetCapacity(R("cpus=2"));
        Assert.Equal(2, _recorder.Observe()[(MetricNames.NodeCpus, "node=n,state=free")]);

        // A new activation of the same node on this silo replaces the figures; the old one's end must not remove them.
        var current = _metrics.ForNode(new NodeId("n"), R("cpus=3"), []);
        unregistered.Dispose();
        Assert.Equal(3, _recorder.Observe()[(MetricNames.NodeCpus, "node=n,state=free")]);
        current.Dispose();
    }

    [Theory]
    [InlineData("redeemed", MetricNames.LeasesRedeemed)]
    [InlineData("declined", MetricNames.LeasesDeclined)]
    [InlineData("expired", MetricNames.LeasesExpired)]
    [InlineData("rescinded: its node stopped taking work", MetricNames.LeasesRescinded)]
    [InlineData("rescinded: its framework was removed", MetricNames.LeasesRescinded)]
    public void ALeaseEnding_IsCountedByItsReason_WithPartitionAndRole(string how, string counter)
    {
        _metrics.LeaseEnded(2, "batch", how);
        _metrics.LeaseEnded(2, "batch", "a reason no counter stands for");

        Assert.Equal(1, _recorder.Sum(counter, "partition=2,role=batch"));
        Assert.Equal(1, new[] { MetricNames.LeasesRedeemed, MetricNames.LeasesDeclined, MetricNames.LeasesExpired, MetricNames.LeasesRescinded }.Sum(n => _recorder.Sum(n)));
    }

    [Fact]
    public void GrantsAndPasses_AreRecordedPerPartition()
    {
        _metrics.LeaseGranted(1, "web");
        _metrics.LeaseGranted(1, "web");
        _metrics.LeaseGranted(3, "batch");
        _metrics.PassEnded(1, _metrics.PassStarted());

        Assert.Equal(2, _recorder.Sum(MetricNames.LeasesGranted, "partition=1,role=web"));
        Assert.Equal(1, _recorder.Sum(MetricNames.LeasesGranted, "partition=3,role=batch"));
        var pass = Assert.Single(_recorder.Histogram(MetricNames.AllocationDuration, "partition=1"));
        Assert.InRange(pass, 0, 10);
    }

    [Fact]
    public void Shares_AreThoseOfTheLastPublisher_UntilItWithdraws()
    {
        // f1 holds 1 of 4 cores (0.25), f2 nothing; role web holds what f1 holds.
        var web = new RoleName("web");
        var frameworks = new[]
        {
            new FrameworkView(new FrameworkId("f1"), web, R("cpus=1"), 0.25, 0, false),
            new FrameworkView(new FrameworkId("f2"), web, Resources.Zero, 0, 3, false),
        };
        var partition = new object();

        _metrics.PublishShares(partition, frameworks, [new RoleView(new RoleSettings(web), R("cpus=1"), 0.25, 2)]);

        var gauges = _recorder.Observe();
        Assert.Equal(0.25, gauges[(MetricNames.FrameworkDominantShare, "framework=f1,role=web")]);
        Assert.Equal(0, gauges[(MetricNames.FrameworkDominantShare, "framework=f2,role=web")]);
        Assert.Equal(0.25, gauges[(MetricNames.RoleDominantShare, "role=web")]);

        _metrics.WithdrawShares(new object());
        Assert.Equal(3, _recorder.Observe().Count);
        _metrics.WithdrawShares(partition);
        Assert.Empty(_recorder.Observe());
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _services.Dispose();
    }

    private static Resources R(string text) => Resources.Parse(text);

    private static ContainerRecord Record(string id, ContainerState state, string resources) =>
        new(new FrameworkId("f"), new LeaseId("l"), new ContainerSpec(new ContainerId(id), R(resources)), state, null, null, Now, Now, 1);

    /// <summary>What one meter's instruments reported: counters summed per tag set, gauges as last observed, histogram values in order.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string Name, string Tags), long> _sums = new();
        private readonly ConcurrentQueue<(string Name, string Tags, double Value)> _doubles = new();

        public Recorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _sums.AddOrUpdate((instrument.Name, Format(tags)), value, (_, sum) => sum + value));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _doubles.Enqueue((instrument.Name, Format(tags), value)));
            _listener.Start();
        }

        /// <summary>The sum of a counter over the tag sets that contain <paramref name="tags"/>.</summary>
        public long Sum(string name, string tags = "") =>
            _sums.Where(kv => kv.Key.Name == name && Contains(kv.Key.Tags, tags)).Sum(kv => kv.Value);

        public IEnumerable<double> Histogram(string name, string tags) =>
            _doubles.Where(d => d.Name == name && d.Tags == tags).Select(d => d.Value);

        /// <summary>Collects the observable gauges now.</summary>
        public Dictionary<(string Name, string Tags), double> Observe()
        {
            _doubles.Clear();
            _listener.RecordObservableInstruments();
            return _doubles.Where(d => d.Name != MetricNames.AllocationDuration).ToDictionary(d => (d.Name, d.Tags), d => d.Value);
        }

        public void Dispose() => _listener.Dispose();

        private static bool Contains(string tags, string wanted) =>
            wanted.Split(',', StringSplitOptions.RemoveEmptyEntries).All(w => tags.Split(',').Contains(w));

        private static string Format(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var parts = new List<string>(tags.Length);
            foreach (var tag in tags)
            {
                parts.Add($"{tag.Key}={tag.Value}");
            }

            parts.Sort(StringComparer.Ordinal);
            return string.Join(',', parts);
        }
    }
}
