namespace OrleansMesos.Client.Tests.Cluster;

/// <summary>
/// A test on the shared cluster. Each test works in a scope of its own: its nodes carry the attribute
/// <c>scope</c> and its demand asks for it, so leases never cross between tests; its framework ids start
/// with the scope. Clients the test connects are disposed after it.
/// </summary>
[Collection(nameof(ClientClusterTests))]
public abstract class ClientTestBase(ClientCluster cluster) : IAsyncLifetime
{
    private static int s_scopes;

    // Observers are held weakly by Orleans: the test keeps its agents alive.
    private readonly List<object> _alive = [];
    private readonly List<FrameworkClient> _clients = [];

    protected ClientCluster Cluster => cluster;

    protected string Scope { get; } = $"s{Interlocked.Increment(ref s_scopes)}";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static Resources R(string text) => Resources.Parse(text);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Registers <paramref name="count"/> nodes of the scope, run by one fake agent.</summary>
    protected async Task<(FakeAgent Agent, NodeId[] Nodes)> AddNodes(int count, string capacity)
    {
        var agent = new FakeAgent(Cluster.Client);
        _alive.Add(agent);
        var reference = Cluster.Client.CreateObjectReference<INodeAgent>(agent);
        var nodes = Enumerable.Range(0, count).Select(i => new NodeId($"{Scope}-n{i}")).ToArray();
        await Task.WhenAll(nodes.Select(node =>
            Cluster.Node(node).Register(new NodeRegistration(node, R(capacity), new() { ["scope"] = Scope }, reference))));
        return (agent, nodes);
    }

    protected FrameworkId Framework(string name = "fw") => new($"{Scope}-{name}");

    protected FrameworkClientOptions Options(string name = "fw", TimeProvider? time = null) => new()
    {
        Id = Framework(name),
        Principal = "tester",
        RetryDelay = TimeSpan.FromMilliseconds(1),
        TimeProvider = time ?? TimeProvider.System,
    };

    /// <summary>Connects a client through the test cluster's Orleans client; <paramref name="intercept"/> stands between it and its grain.</summary>
    protected async Task<FrameworkClient> Connect(FrameworkClientOptions options, InterceptedGrain? intercept = null)
    {
        var client = await FrameworkClient.ConnectAsync(Cluster.Client, options, host: null, intercept is null ? null : _ => intercept, Ct);
        _clients.Add(client);
        return client;
    }

    protected Task<FrameworkClient> Connect(string name = "fw") => Connect(Options(name));

    protected InterceptedGrain Intercept(string name = "fw") => new(Cluster.Framework(Framework(name)));

    /// <summary>Demand of the scope: tasks that only its nodes take.</summary>
    protected TaskDemand Demand(string task, int count) => new(R(task), count, new() { ["scope"] = Scope });

    protected static ContainerSpec Container(string id, string resources) => new(new ContainerId(id), R(resources), Command: "/bin/true");

    /// <summary>The next <paramref name="count"/> items, waiting a bounded time for them.</summary>
    protected static async Task<List<T>> Take<T>(IAsyncEnumerable<T> source, int count, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Eventually.Timeout);
        var items = new List<T>();
        try
        {
            await foreach (var item in source.WithCancellation(timeout.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out waiting for {what}: {items.Count} of {count} arrived");
        }

        return items;
    }

    /// <summary>Reads leases until they cover <paramref name="tasks"/> tasks.</summary>
    protected static async Task<List<Lease>> LeasesFor(FrameworkClient client, int tasks)
    {
        var leases = new List<Lease>();
        while (leases.Sum(l => l.Tasks) < tasks)
        {
            leases.AddRange(await Take(client.ReadLeasesAsync(Ct), 1, $"leases for {tasks} task(s)"));
        }

        return leases;
    }

    protected async Task<Resources> Committed(IEnumerable<NodeId> nodes)
    {
        var snapshots = await Task.WhenAll(nodes.Select(n => Cluster.Node(n).GetSnapshot()));
        return snapshots.Aggregate(Resources.Zero, (sum, s) => sum + s.Committed);
    }
}
