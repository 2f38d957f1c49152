namespace OrleansMesos.Grains.Tests;

/// <summary>A fresh two-silo cluster per test, and short hands for nodes and frameworks.</summary>
[Collection(nameof(ClusterTests))]
public abstract class ClusterTestBase : IAsyncLifetime
{
    // Observers are held weakly by Orleans: the test keeps them alive.
    private readonly List<object> _alive = [];

    protected TestCluster Cluster { get; private set; } = null!;

    protected virtual Action<OrleansMesos.Grains.Options.OrleansMesosOptions>? Configure => null;

    /// <summary>How the silos keep state and reminders, and anything else of theirs; memory storage when null.</summary>
    protected virtual Action<ISiloBuilder>? Storage => null;

    public async ValueTask InitializeAsync() => Cluster = await TestCluster.StartAsync(configure: Configure, storage: Storage);

    public virtual async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static Resources R(string text) => Resources.Parse(text);

    protected async Task<FakeAgent> AddNodes(int count, string capacity, string prefix = "n", bool autoRun = true, Dictionary<string, string>? attributes = null, bool reportKills = true)
    {
        var agent = new FakeAgent(Cluster.Client, autoRun, reportKills);
        _alive.Add(agent);
        var reference = Cluster.Client.CreateObjectReference<INodeAgent>(agent);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Cluster.Node($"{prefix}{i}").Register(new NodeRegistration(new NodeId($"{prefix}{i}"), R(capacity), attributes ?? [], reference))));
        return agent;
    }

    protected async Task<(FakeFramework Observer, IFrameworkGrain Grain)> AddFramework(string id, string role = "default", bool gpu = false, TimeSpan? failover = null)
    {
        var observer = new FakeFramework();
        _alive.Add(observer);
        var grain = Cluster.Framework(id);
        await grain.Register(Registration(id, role, gpu, failover), Cluster.Client.CreateObjectReference<IFrameworkObserver>(observer));
        return (observer, grain);
    }

    protected static FrameworkRegistration Registration(string id, string role = "default", bool gpu = false, TimeSpan? failover = null) =>
        new(new FrameworkId(id), id, new RoleName(role), "tester", gpu, failover ?? TimeSpan.FromMinutes(1));

    protected static TaskDemand Demand(string task, int count) => new(R(task), count);

    protected static ContainerSpec Container(string id, string resources) => new(new ContainerId(id), R(resources), Command: "/bin/true");

    protected async Task<Resources> ClusterAllocated() =>
        (await Cluster.Views()).Aggregate(Resources.Zero, (sum, v) => sum + v.Allocated);
}

[CollectionDefinition(nameof(ClusterTests), DisableParallelization = true)]
public sealed class ClusterTests;
