using System.Diagnostics;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Docker;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>Stopping, removing and finding containers on the real engine, pull policies and availability. No fakes.</summary>
public sealed class DockerLifecycleTests(DockerEngine engine) : DockerTestBase(engine), IClassFixture<DockerEngine>
{
    [Fact]
    public async Task AStopKillsWhatIgnoresSigtermAfterTheGracePeriod()
    {
        Engine.Require();

        // Given busybox sleep as PID 1, which ignores SIGTERM
        using var timeout = Bounded();
        var id = await Runtime.StartAsync(Launch.Spec(Cluster, Engine.Image, "sleep", ["600"]), timeout.Token);
        var waiting = Runtime.WaitAsync(id, timeout.Token);

        // When it is stopped with a one-second grace
        var clock = Stopwatch.StartNew();
        await Runtime.StopAsync(id, TimeSpan.FromSeconds(1), timeout.Token);
        var exit = await waiting;
        clock.Stop();

        // Then it was killed after the grace, well within bounds, and the exit says so
        Assert.NotNull(exit);
        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("killed after the stop grace period", exit.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task AStopOfAnExitedOrUnknownContainerIsANoOp()
    {
        Engine.Require();

        // Given a container that has exited, and an id the engine does not know
        using var timeout = Bounded();
        var id = await Runtime.StartAsync(Launch.Shell(Cluster, Engine.Image, "exit 0"), timeout.Token);
        await Runtime.WaitAsync(id, timeout.Token);

        // When both are stopped
        await Runtime.StopAsync(id, TimeSpan.FromSeconds(1), timeout.Token);
        await Runtime.StopAsync("0123456789ab0123456789ab", TimeSpan.FromSeconds(1), timeout.Token);

        // Then nothing threw and the exited one still reads as it ended
        var exit = await Runtime.WaitAsync(id, timeout.Token);
        Assert.Equal(0, exit!.ExitCode);
    }

    [Fact]
    public async Task ARemovedContainerIsGone()
    {
        Engine.Require();

        // Given a running container of this cluster
        using var timeout = Bounded();
        var id = await Runtime.StartAsync(Launch.Spec(Cluster, Engine.Image, "sleep", ["600"]), timeout.Token);
        Assert.Contains(await Runtime.ListOwnedAsync(Cluster, timeout.Token), c => c.RuntimeId == id);

        // When it is removed (forced: it still runs), twice
        await Runtime.RemoveAsync(id, timeout.Token);
        await Runtime.RemoveAsync(id, timeout.Token);

        // Then the engine no longer lists it, and a wait or stop on it finds nothing
        Assert.DoesNotContain(await Runtime.ListOwnedAsync(Cluster, timeout.Token), c => c.RuntimeId == id);
        Assert.Null(await Runtime.WaitAsync(id, timeout.Token));
        await Runtime.StopAsync(id, TimeSpan.Zero, timeout.Token);
    }

    [Fact]
    public async Task StopsAndRemovesRacingOnOneContainerAreSerialised()
    {
        Engine.Require();

        // Given a running container that ignores SIGTERM, and someone waiting for it
        using var timeout = Bounded();
        var id = await Runtime.StartAsync(Launch.Spec(Cluster, Engine.Image, "sleep", ["600"]), timeout.Token);
        var waiting = Runtime.WaitAsync(id, timeout.Token);

        // When two stops and two removes arrive at once
        await Task.WhenAll(
            Runtime.StopAsync(id, TimeSpan.FromSeconds(1), timeout.Token),
            Runtime.RemoveAsync(id, timeout.Token),
            Runtime.StopAsync(id, TimeSpan.Zero, timeout.Token),
            Runtime.RemoveAsync(id, timeout.Token));

        // Then none of them failed, the waiter was released, and the container is gone
        await waiting;
        Assert.Empty(await Runtime.ListOwnedAsync(Cluster, timeout.Token));
    }

    [Fact]
    public async Task OwnedContainersAreFoundByLabelAndMappedBackToIds()
    {
        Engine.Require();

        // Given in this cluster one exited container (code 5) and one running, and one running in another cluster
        using var timeout = Bounded();
        var other = OtherCluster();
        var exited = await Runtime.StartAsync(
            Launch.Spec(Cluster, Engine.Image, "sh", ["-c", "exit 5"], framework: "fw-a", container: "task:1"), timeout.Token);
        await Runtime.WaitAsync(exited, timeout.Token);
        var running = await Runtime.StartAsync(
            Launch.Spec(Cluster, Engine.Image, "sleep", ["600"], framework: "fw-b", container: "task-2"), timeout.Token);
        var foreign = await Runtime.StartAsync(
            Launch.Spec(other, Engine.Image, "sleep", ["600"], framework: "fw-a", container: "task:1"), timeout.Token);

        // When this cluster's containers are listed
        var owned = await Runtime.ListOwnedAsync(Cluster, timeout.Token);

        // Then exactly its two are there, with their ids, state and exit code; the other cluster's is not
        Assert.Equal(
            [
                new RuntimeContainer(exited, new NodeId("node-1"), new FrameworkId("fw-a"), new ContainerId("task:1"), Running: false, ExitCode: 5),
                new RuntimeContainer(running, new NodeId("node-1"), new FrameworkId("fw-b"), new ContainerId("task-2"), Running: true, ExitCode: null),
            ],
            owned.OrderBy(c => c.Framework.Value, StringComparer.Ordinal));
        Assert.DoesNotContain(owned, c => c.RuntimeId == foreign);
        Assert.Equal([foreign], (await Runtime.ListOwnedAsync(other, timeout.Token)).Select(c => c.RuntimeId));
    }

    [Fact]
    public async Task PullPolicyNeverFailsOnAMissingImageNamingIt()
    {
        Engine.Require();

        // Given a runtime that never pulls, and an image no host has
        using var never = DockerEngine.Create(new DockerRuntimeOptions { PullPolicy = ImagePullPolicy.Never });
        var image = $"orleansmesos-missing-{Guid.NewGuid():N}:nope";
        using var timeout = Bounded();

        // When a container of it is started
        var error = await Assert.ThrowsAsync<RuntimeException>(
            () => never.StartAsync(Launch.Shell(Cluster, image, "exit 0"), timeout.Token));

        // Then the error names the image, and nothing was created
        Assert.Contains(image, error.Message, StringComparison.Ordinal);
        Assert.Empty(await never.ListOwnedAsync(Cluster, timeout.Token));
    }

    [Fact]
    public async Task AFailedPullFailsTheStartNamingTheImage()
    {
        Engine.Require();

        // Given the default policy (pull if not present) and an image that no registry serves (none is reachable here)
        var image = $"orleansmesos-missing-{Guid.NewGuid():N}:nope";
        using var timeout = Bounded();

        // When a container of it is started
        var error = await Assert.ThrowsAsync<RuntimeException>(
            () => Runtime.StartAsync(Launch.Shell(Cluster, image, "exit 0"), timeout.Token));

        // Then the pull was tried and its failure names the image; nothing was created
        Assert.Contains($"pull image '{image}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Runtime.ListOwnedAsync(Cluster, timeout.Token));
    }

    [Fact]
    public async Task AProgramThatDoesNotExistFailsTheStartAndLeavesNothing()
    {
        Engine.Require();

        // Given a command the image does not have
        using var timeout = Bounded();
        var spec = Launch.Spec(Cluster, Engine.Image, "/bin/no-such-program", []);

        // When it is started
        var error = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.StartAsync(spec, timeout.Token));

        // Then the engine's reason is in the error and the created container was removed
        Assert.Contains("no-such-program", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Runtime.ListOwnedAsync(Cluster, timeout.Token));
    }

    [Fact]
    public async Task TheEngineIsAvailable()
    {
        Engine.Require();

        // Given the engine that ./test.sh started; When asked; Then it answers
        using var timeout = Bounded();
        Assert.True(await Runtime.IsAvailableAsync(timeout.Token));
        Assert.Equal("docker", Runtime.Name);
    }

    [Fact]
    public async Task NoEngineAtASocketWhereNothingListensIsUnavailableNotAnError()
    {
        // Given a socket path where nothing listens (no engine needed for this one)
        var socket = Path.Combine(Path.GetTempPath(), $"om-{Guid.NewGuid():N}", "docker.sock");
        using var runtime = DockerEngine.Create(new DockerRuntimeOptions { Endpoint = $"unix://{socket}" });
        using var timeout = Bounded();

        // When availability is checked
        var clock = Stopwatch.StartNew();
        var available = await runtime.IsAvailableAsync(timeout.Token);

        // Then it is false, promptly (within the ping timeout and some)
        Assert.False(available);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, DockerRuntimeOptions.DefaultPingTimeout + TimeSpan.FromSeconds(3));
    }
}
