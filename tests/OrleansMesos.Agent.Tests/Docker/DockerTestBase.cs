using System.Diagnostics;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>
/// What the Docker runtime's tests against the real engine share: a cluster id of their own per test, so that tests
/// running side by side never see each other's containers, the removal of whatever a test created, and bounded waits.
/// </summary>
public abstract class DockerTestBase(DockerEngine engine) : IAsyncLifetime
{
    // Every wait is bounded: a container that should end within a second or two gets this long.
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(60);

    private readonly List<string> _clusters = [];

    protected DockerEngine Engine { get; } = engine;

    protected DockerRuntime Runtime { get; } = engine.Runtime;

    /// <summary>This test's cluster id.</summary>
    protected string Cluster { get; } = NewCluster();

    public ValueTask InitializeAsync()
    {
        _clusters.Add(Cluster);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test created, passed or failed, goes.
        using var timeout = new CancellationTokenSource(WaitBound);
        foreach (var cluster in _clusters)
        {
            try
            {
                foreach (var container in await Runtime.ListOwnedAsync(cluster, timeout.Token))
                {
                    await Runtime.RemoveAsync(container.RuntimeId, timeout.Token);
                }
            }
            catch (RuntimeException)
            {
                // No engine: nothing was created.
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Another cluster id, whose containers are removed after the test too.</summary>
    protected string OtherCluster()
    {
        var cluster = NewCluster();
        _clusters.Add(cluster);
        return cluster;
    }

    /// <summary>Starts <paramref name="spec"/> and waits, bounded, for its exit.</summary>
    protected async Task<ContainerExit> RunAsync(LaunchSpec spec)
    {
        using var timeout = Bounded();
        var clock = Stopwatch.StartNew();
        var id = await Runtime.StartAsync(spec, timeout.Token);
        var exit = await Runtime.WaitAsync(id, timeout.Token);
        TestContext.Current.TestOutputHelper?.WriteLine($"container {id[..12]}: start to exit {clock.ElapsedMilliseconds} ms, {exit}");
        Assert.NotNull(exit);
        return exit;
    }

    /// <summary>A token that ends the test's wait after the bound, or when the run is cancelled.</summary>
    protected static CancellationTokenSource Bounded()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(WaitBound);
        return timeout;
    }

    /// <summary>The lines of a log tail.</summary>
    protected static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n');

    private static string NewCluster() => $"test-{Guid.NewGuid():N}"[..17];
}
