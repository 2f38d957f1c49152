using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Processes;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// The real node agent with the real process runtime against a real cluster: containers launched through a
/// redemption run as processes, report every state, and survive an agent restart, which adopts what still
/// runs, kills what the cluster does not know and reports Lost what is gone.
/// </summary>
public sealed class AgentReconciliationTests : ClusterTestBase
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "om-agent-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly string _cluster = "it-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<ProcessRuntime> _runtimes = [];
    private NodeAgent? _agent;

    private ProcessRuntime NewRuntime()
    {
        var runtime = new ProcessRuntime(
            Microsoft.Extensions.Options.Options.Create(new ProcessRuntimeOptions { RootDirectory = _root, CgroupParent = "orleansmesos-tests", AdoptedExitPollInterval = TimeSpan.FromMilliseconds(50) }),
            NullLogger<ProcessRuntime>.Instance);
        _runtimes.Add(runtime);
        return runtime;
    }

    private async Task<NodeAgent> StartAgent(ProcessRuntime runtime)
    {
        var agent = new NodeAgent(Cluster.Client, runtime, new NodeAgentOptions
        {
            Cluster = _cluster,
            Node = new NodeId("n0"),
            Capacity = R("cpus=4,mem=4GiB"),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        }, NullLogger<NodeAgent>.Instance);
        await agent.StartAsync(TestContext.Current.CancellationToken);
        return agent;
    }

    private static ContainerSpec Process(string id, string script) =>
        new(new ContainerId(id), R("cpus=0.5,mem=256MiB"), Command: "/bin/sh", Args: ["-c", script]);

    private static IEnumerable<ContainerState> States(FakeFramework observer, string container) =>
        observer.Applied.Where(u => u.Container == new ContainerId(container)).Select(u => u.State);

    [Fact]
    public async Task ProcessesRun_ReportEveryState_AndSurviveAnAgentRestart()
    {
        var runtime = NewRuntime();
        _agent = await StartAgent(runtime);
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=512MiB", 1)]);
        var lease = await observer.NextLease();

        await framework.Redeem(new RedeemRequest("r", lease.Id, [Process("fails", "exit 3"), Process("sleeps", "exec sleep 600")]));

        await Eventually.True(() => States(observer, "fails").LastOrDefault() == ContainerState.Failed, "the failing process is reported Failed");
        Assert.Equal([ContainerState.Staging, ContainerState.Starting, ContainerState.Running, ContainerState.Failed], States(observer, "fails"));
        Assert.Equal(3, observer.Applied.Last(u => u.Container == new ContainerId("fails")).ExitCode);
        await Eventually.True(() => States(observer, "sleeps").Contains(ContainerState.Running), "the sleeping process runs");

        // The agent goes away; its processes do not. A process of this cluster the books do not know
        // appears meanwhile.
        await _agent.DisposeAsync();
        runtime.Dispose();
        var later = NewRuntime();
        var rogue = await later.StartAsync(new LaunchSpec(_cluster, new NodeId("n0"), new FrameworkId("f"), new ContainerId("rogue"), null, "/bin/sleep", ["600"], new Dictionary<string, string>(), R("cpus=0.1"), []), TestContext.Current.CancellationToken);

        _agent = await StartAgent(later);

        Assert.Equal([(new FrameworkId("f"), new ContainerId("sleeps"))], _agent.Running());
        var owned = await later.ListOwnedAsync(_cluster, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(owned, c => c.RuntimeId == rogue);
        Assert.Contains(owned, c => c.Container == new ContainerId("sleeps") && c.Running);

        await framework.Kill(new ContainerId("sleeps"));
        await Eventually.True(() => States(observer, "sleeps").LastOrDefault() == ContainerState.Killed, "the adopted process is killed");
        await Eventually.True(async () => (await Cluster.Node("n0").GetSnapshot()).Committed.IsZero, "the node's resources return");
    }

    [Fact]
    public async Task AContainerGoneWhileTheAgentWasAway_IsReportedLost()
    {
        var runtime = NewRuntime();
        _agent = await StartAgent(runtime);
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=0.5,mem=256MiB", 1)]);
        var lease = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r", lease.Id, [Process("c1", "exec sleep 600")]));
        await Eventually.True(() => States(observer, "c1").Contains(ContainerState.Running), "the process runs");

        await _agent.DisposeAsync();
        var id = (await runtime.ListOwnedAsync(_cluster, TestContext.Current.CancellationToken)).Single().RuntimeId;
        await runtime.RemoveAsync(id, TestContext.Current.CancellationToken);
        runtime.Dispose();

        _agent = await StartAgent(NewRuntime());

        await Eventually.True(() => States(observer, "c1").LastOrDefault() == ContainerState.Lost, "the vanished process is reported Lost");
    }

    public override async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        foreach (var runtime in _runtimes)
        {
            foreach (var c in await runtime.ListOwnedAsync(_cluster, CancellationToken.None))
            {
                await runtime.RemoveAsync(c.RuntimeId, CancellationToken.None);
            }

            runtime.Dispose();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        await base.DisposeAsync();
    }
}
