using System.Text.Json;

namespace OrleansMesos.Cli.Tests.Cluster;

/// <summary>omctl's cluster commands against a real omsilo process: what it prints is what the cluster holds.</summary>
public sealed class LiveClusterTests(LiveSilo silo) : IClassFixture<LiveSilo>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // Observers are held weakly by Orleans: the test keeps them alive.
    private readonly List<object> _alive = [];

    [Fact]
    public void Nodes_ShowTheSilosOwnNode()
    {
        var json = silo.Json("nodes");

        var node = Assert.Single(json.GetProperty("nodes").EnumerateArray());
        Assert.Equal(LiveSilo.NodeId, node.GetProperty("id").GetString());
        Assert.Equal(2, node.GetProperty("capacity").GetProperty("cpus").GetDouble());
        Assert.Equal(2048, node.GetProperty("capacity").GetProperty("memMiB").GetDouble());
        Assert.Equal(0, node.GetProperty("capacity").GetProperty("gpus").GetInt32());
        Assert.True(node.GetProperty("registered").GetBoolean());
        Assert.True(node.GetProperty("reachable").GetBoolean());
        Assert.False(node.GetProperty("draining").GetBoolean());
    }

    [Fact]
    public void Nodes_AsATable_NameTheNodeAndItsCapacity()
    {
        var (exitCode, output, error) = silo.Run("nodes");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Nodes", output, StringComparison.Ordinal);
        Assert.Contains(LiveSilo.NodeId, output, StringComparison.Ordinal);
        Assert.Contains("cpus=2,mem=2GiB,disk=4GiB", output, StringComparison.Ordinal);
    }

    // Given a role set with a weight and a guarantee, When only its limit is changed, Then the weight and the
    // guarantee stay as they were, and omctl roles shows all three.
    [Fact]
    public void RolesSet_ChangesWhatIsGiven_KeepsTheRest_AndRolesShowsIt()
    {
        var set = silo.Json("roles", "set", "omctl-analytics", "--weight", "3", "--guarantee", "cpus=0.5");
        Assert.Equal(3, set.GetProperty("weight").GetDouble());

        var limited = silo.Json("roles", "set", "omctl-analytics", "--limit", "cpus=1,mem=1GiB");
        Assert.Equal(3, limited.GetProperty("weight").GetDouble());
        Assert.Equal(0.5, limited.GetProperty("guarantee").GetProperty("cpus").GetDouble());

        var role = silo.Json("roles").GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "omctl-analytics");
        Assert.True(role.GetProperty("configured").GetBoolean());
        Assert.Equal(3, role.GetProperty("weight").GetDouble());
        Assert.Equal(0.5, role.GetProperty("guarantee").GetProperty("cpus").GetDouble());
        var limit = role.GetProperty("limit");
        Assert.Equal(1, limit.GetProperty("cpus").GetDouble());
        Assert.Equal(1024, limit.GetProperty("memMiB").GetDouble());
        Assert.Equal(JsonValueKind.Null, limit.GetProperty("diskMiB").ValueKind);
    }

    // A bad value is refused by field name: before connecting when the command line alone breaks the rule,
    // by the cluster's books when it breaks it together with what the role already has.
    [Fact]
    public void RolesSet_RefusesInvalidFields_WithExitCode2_NamingTheField()
    {
        var weight = silo.Run("roles", "set", "omctl-refused", "--weight", "0");
        Assert.Equal(2, weight.ExitCode);
        Assert.Equal("error: weight: must be a finite number greater than zero (0)", weight.Error.Trim());

        var guarantee = silo.Run("roles", "set", "omctl-refused", "--guarantee", "cpus=lots");
        Assert.Equal(2, guarantee.ExitCode);
        Assert.StartsWith("error: guarantee.cpus: ", guarantee.Error, StringComparison.Ordinal);

        silo.Json("roles", "set", "omctl-refused", "--limit", "cpus=1");
        var aboveLimit = silo.Run("roles", "set", "omctl-refused", "--guarantee", "cpus=2");
        Assert.Equal(2, aboveLimit.ExitCode);
        Assert.StartsWith("error: guarantee: must not exceed the limit in any resource", aboveLimit.Error, StringComparison.Ordinal);
        Assert.Equal(0, silo.Json("roles").GetProperty("roles").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "omctl-refused").GetProperty("guarantee").GetProperty("cpus").GetDouble());
    }

    // Given a framework that wants a task larger than the node, Then frameworks lists it with its remaining
    // demand, and explain says no node can ever fit it, on every partition.
    [Fact]
    public async Task FrameworksAndExplain_ShowARegisteredFramework_AndWhyItWaits()
    {
        var (_, framework) = await Register("omctl-huge", role: "omctl-batch");
        try
        {
            await framework.SetDemand([new TaskDemand(Resources.Parse("cpus=64,mem=1GiB"), 1)]);

            var row = silo.Json("frameworks").GetProperty("frameworks").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "omctl-huge");
            Assert.Equal("omctl-batch", row.GetProperty("role").GetString());
            Assert.Equal(1, row.GetProperty("roleWeight").GetDouble());
            Assert.Equal(1, row.GetProperty("remainingTasks").GetInt32());
            Assert.Equal(0, row.GetProperty("leases").GetInt32());
            Assert.Equal(0, row.GetProperty("dominantShare").GetDouble());
            Assert.True(row.GetProperty("connected").GetBoolean());

            var explained = silo.Json("explain", "omctl-huge");
            Assert.Equal("NoNodeCanFit", explained.GetProperty("reason").GetString());
            Assert.Equal("1 task(s) of cpus=64,mem=1GiB: never fit: no node is large enough", explained.GetProperty("message").GetString());
            Assert.Equal(1, explained.GetProperty("remainingTasks").GetInt32());
            Assert.Equal(4, explained.GetProperty("partitions").GetArrayLength());
            Assert.All(explained.GetProperty("partitions").EnumerateArray(), p => Assert.Equal("NoNodeCanFit", p.GetProperty("reason").GetString()));

            var table = silo.Run("explain", "omctl-huge");
            Assert.Contains("NoNodeCanFit: 1 task(s) of cpus=64,mem=1GiB: never fit: no node is large enough", table.Output, StringComparison.Ordinal);
        }
        finally
        {
            await framework.Unregister();
        }
    }

    // Given a lease, Then leases lists it; When it is redeemed with a command container, Then the silo's
    // process runtime runs it and containers shows it Running, and Killed once killed.
    [Fact]
    public async Task LeasesAndContainers_ShowWhatTheTestCreated()
    {
        var (observer, framework) = await Register("omctl-runner");
        try
        {
            await framework.SetDemand([new TaskDemand(Resources.Parse("cpus=0.25,mem=32MiB"), 1)]);
            var lease = await observer.NextLease();

            var listed = silo.Json("leases").GetProperty("leases").EnumerateArray().Single(l => l.GetProperty("id").GetString() == lease.Id.Value);
            Assert.Equal("omctl-runner", listed.GetProperty("framework").GetString());
            Assert.Equal(LiveSilo.NodeId, listed.GetProperty("node").GetString());
            Assert.Equal(1, listed.GetProperty("tasks").GetInt32());
            Assert.Equal(0.25, listed.GetProperty("resources").GetProperty("cpus").GetDouble());

            var sleeper = new ContainerSpec(new ContainerId("omctl-sleeper"), Resources.Parse("cpus=0.25,mem=32MiB"), Command: "/bin/sh", Args: ["-c", "sleep 30"]);
            await framework.Redeem(new RedeemRequest("omctl-r1", lease.Id, [sleeper]));

            await Eventually.True(() => State("omctl-sleeper") == "Running", "the container runs", Wait);
            Assert.DoesNotContain(silo.Json("leases").GetProperty("leases").EnumerateArray(), l => l.GetProperty("id").GetString() == lease.Id.Value);
            var node = Assert.Single(silo.Json("nodes").GetProperty("nodes").EnumerateArray());
            Assert.Equal(1, node.GetProperty("containers").GetInt32());
            Assert.Equal(0.25, node.GetProperty("committed").GetProperty("cpus").GetDouble());

            await framework.Kill(sleeper.Id);

            await Eventually.True(() => State("omctl-sleeper") == "Killed", "the container is killed", Wait);
        }
        finally
        {
            await framework.Unregister();
            await Eventually.True(() => State("omctl-sleeper") is null or "Killed" or "Finished" or "Failed", "no container of the test runs", Wait);
        }
    }

    // Given a lease on the node, When the node is drained, Then nodes says it drains, the lease is rescinded
    // and no longer listed; When it is undrained, Then it takes work again.
    [Fact]
    public async Task Drain_MarksTheNodeDraining_AndRescindsItsLeases()
    {
        var (observer, framework) = await Register("omctl-drainee");
        try
        {
            await framework.SetDemand([new TaskDemand(Resources.Parse("cpus=0.25,mem=32MiB"), 1)]);
            var lease = await observer.NextLease();

            var drained = silo.Json("drain", LiveSilo.NodeId);

            Assert.True(drained.GetProperty("draining").GetBoolean());
            Assert.True(Assert.Single(silo.Json("nodes").GetProperty("nodes").EnumerateArray()).GetProperty("draining").GetBoolean());
            Assert.Empty(silo.Json("leases").GetProperty("leases").EnumerateArray());
            await Eventually.True(() => observer.Rescinded.Contains(lease.Id), "the framework hears the lease is rescinded", Wait);

            var undrained = silo.Json("undrain", LiveSilo.NodeId);

            Assert.False(undrained.GetProperty("draining").GetBoolean());
            Assert.Equal(LiveSilo.NodeId, (await observer.NextLease()).Node.Value);
        }
        finally
        {
            silo.Json("undrain", LiveSilo.NodeId);
            await framework.Unregister();
        }
    }

    // Given a task sleeping on the node, When the node is drained with --deadline 5, Then omctl says so and the
    // task still runs; once the deadline has passed the node kills it, for that reason. Undrain ends the drain.
    [Fact]
    public async Task DrainWithADeadline_KillsWhatStillRunsOnceItHasPassed()
    {
        var (observer, framework) = await Register("omctl-deadline");
        try
        {
            await framework.SetDemand([new TaskDemand(Resources.Parse("cpus=0.25,mem=32MiB"), 1)]);
            var lease = await observer.NextLease();
            var sleeper = new ContainerSpec(new ContainerId("omctl-deadline-sleeper"), Resources.Parse("cpus=0.25,mem=32MiB"), Command: "/bin/sh", Args: ["-c", "exec sleep 60"]);
            await framework.Redeem(new RedeemRequest("omctl-deadline-r1", lease.Id, [sleeper]));
            await Eventually.True(() => State("omctl-deadline-sleeper") == "Running", "the container runs", Wait);

            var (exitCode, output, error) = silo.Run("drain", LiveSilo.NodeId, "--deadline", "5");

            Assert.True(exitCode == 0, error);
            // The line wraps at the console's width.
            Assert.Contains("1 live container(s) keep running for 5 s at most, then they are killed.", string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
            Assert.Equal("Running", State("omctl-deadline-sleeper"));
            await Eventually.True(() => State("omctl-deadline-sleeper") == "Killed", "the container is killed at the deadline", Wait);
            Assert.StartsWith("killed: the node's drain deadline passed", Reason("omctl-deadline-sleeper"), StringComparison.Ordinal);
        }
        finally
        {
            silo.Json("undrain", LiveSilo.NodeId);
            await framework.Unregister();
            await Eventually.True(() => State("omctl-deadline-sleeper") is null or "Killed" or "Finished" or "Failed", "no container of the test runs", Wait);
        }
    }

    [Fact]
    public void UnknownIds_AreRefusedWithExitCode2_ByName()
    {
        var explain = silo.Run("explain", "omctl-nobody");
        var drain = silo.Run("drain", "omctl-nowhere");

        Assert.Equal((2, "error: unknown framework 'omctl-nobody'"), (explain.ExitCode, explain.Error.Trim()));
        Assert.Equal((2, "error: unknown node 'omctl-nowhere'"), (drain.ExitCode, drain.Error.Trim()));
    }

    private string? State(string container) =>
        silo.Json("containers").GetProperty("containers").EnumerateArray()
            .Where(c => c.GetProperty("container").GetString() == container)
            .Select(c => c.GetProperty("state").GetString())
            .LastOrDefault();

    private string? Reason(string container) =>
        silo.Json("containers").GetProperty("containers").EnumerateArray()
            .Where(c => c.GetProperty("container").GetString() == container)
            .Select(c => c.GetProperty("reason").GetString())
            .LastOrDefault();

    private async Task<(RecordingFramework Observer, IFrameworkGrain Grain)> Register(string id, string role = "omctl-tests")
    {
        var observer = new RecordingFramework();
        _alive.Add(observer);
        var grain = silo.Client.GetGrain<IFrameworkGrain>(id);
        var registration = new FrameworkRegistration(new FrameworkId(id), id, new RoleName(role), "omctl-tests", GpuCapable: false, TimeSpan.FromMinutes(1));
        await grain.Register(registration, silo.Client.CreateObjectReference<IFrameworkObserver>(observer));
        return (observer, grain);
    }
}
