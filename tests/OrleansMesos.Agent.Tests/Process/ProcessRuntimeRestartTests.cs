using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Processes;
using static OrleansMesos.Agent.Tests.Processes.ProcessRuntimeHarness;

namespace OrleansMesos.Agent.Tests.Processes;

// An agent restart is a new runtime on the same root, after the old one was disposed (it stops watching; the
// containers run on): it must find what runs and what ended, and still see running ones end.
public sealed class ProcessRuntimeRestartTests : IAsyncDisposable
{
    private readonly ProcessRuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ARestartedRuntimeListsTheRunningContainerAndSeesItEndWhenStopped()
    {
        var before = _harness.NewRuntime();
        var spec = _harness.Spec("/bin/sh", "-c", "sleep 300 & echo $! > pids; echo ready > ready; wait");
        var (id, info) = await _harness.StartAsync(before, spec);
        await Until(() => File.Exists(Path.Combine(info.Sandbox, "ready")), "the container is up");
        var child = Pids(Path.Combine(info.Sandbox, "pids")).Single();
        before.Dispose();

        var after = _harness.NewRuntime();
        var listed = await after.ListOwnedAsync(_harness.Cluster, Token);
        var adopted = await after.InspectAsync(id, Token);
        var wait = after.WaitAsync(id, Token);

        Assert.Equal([new RuntimeContainer(id, spec.Node, spec.Framework, spec.Container, Running: true, ExitCode: null)], listed);
        Assert.NotNull(adopted);
        Assert.True(adopted.Adopted);
        Assert.Equal(info.Pid, adopted.Pid);
        Assert.False(wait.IsCompleted, "the wait returned while the container still runs");

        await after.StopAsync(id, TimeSpan.FromSeconds(20), Token);
        var exit = await wait.WaitAsync(Deadline, Token);

        Assert.NotNull(exit);
        Assert.Equal(ProcessRuntime.UnknownExitCode, exit.ExitCode);
        Assert.Equal(
            "exit status unknown: it was started by an earlier agent, so only its parent (init) could read it; stopped by the agent with SIGTERM",
            exit.Reason);
        Assert.True(IsDead(info.Pid));
        await Until(() => IsDead(child), "the adopted container's child is gone");
        Assert.Equal(
            [new RuntimeContainer(id, spec.Node, spec.Framework, spec.Container, Running: false, ExitCode: ProcessRuntime.UnknownExitCode)],
            await after.ListOwnedAsync(_harness.Cluster, Token));
    }

    [Fact]
    public async Task AnAdoptedContainerThatEndsOnItsOwnIsSeenToEnd()
    {
        var before = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(before, _harness.Spec("/bin/sh", "-c", "while [ ! -e go ]; do sleep 0.02; done; echo done; exit 5"));
        before.Dispose();
        var after = _harness.NewRuntime();
        var wait = after.WaitAsync(id, Token);
        Assert.True(await after.InspectAsync(id, Token) is { Adopted: true, Running: true }, "the running container was not adopted");

        await File.WriteAllTextAsync(Path.Combine(info.Sandbox, "go"), "", Token);
        var exit = await wait.WaitAsync(Deadline, Token);

        Assert.NotNull(exit);
        Assert.Equal(ProcessRuntime.UnknownExitCode, exit.ExitCode);
        Assert.Equal("exit status unknown: it was started by an earlier agent, so only its parent (init) could read it", exit.Reason);
        Assert.Equal("--- stdout ---\ndone", exit.LogTail);
    }

    [Fact]
    public async Task AContainerThatEndedWhileNoAgentWatchedIsListedAsExited()
    {
        var before = _harness.NewRuntime();
        var spec = _harness.Spec("/bin/sh", "-c", "while [ ! -e go ]; do sleep 0.02; done; exit 5");
        var (id, info) = await _harness.StartAsync(before, spec);
        before.Dispose();
        await File.WriteAllTextAsync(Path.Combine(info.Sandbox, "go"), "", Token);
        await Until(() => IsDead(info.Pid), "the container ends while no runtime watches");

        var after = _harness.NewRuntime();
        var listed = await after.ListOwnedAsync(_harness.Cluster, Token);
        var exit = await ExitOf(after, id);

        Assert.Equal([new RuntimeContainer(id, spec.Node, spec.Framework, spec.Container, Running: false, ExitCode: ProcessRuntime.UnknownExitCode)], listed);
        Assert.Equal("exit status unknown: it ended while no agent was watching", exit.Reason);
    }

    [Fact]
    public async Task AnExitSeenBeforeTheRestartIsKeptWithItsCode()
    {
        var before = _harness.NewRuntime();
        var spec = _harness.Spec("/bin/sh", "-c", "echo failing >&2; exit 4");
        var (id, _) = await _harness.StartAsync(before, spec);
        var seen = await ExitOf(before, id);
        before.Dispose();

        var after = _harness.NewRuntime();

        Assert.Equal(seen, await ExitOf(after, id));
        Assert.Equal(new ContainerExit(4, "exited with code 4", "--- stderr ---\nfailing"), seen);
        Assert.Equal(
            [new RuntimeContainer(id, spec.Node, spec.Framework, spec.Container, Running: false, ExitCode: 4)],
            await after.ListOwnedAsync(_harness.Cluster, Token));
    }

    [Fact]
    public async Task ListingShowsOnlyTheAskedClustersContainers()
    {
        var runtime = _harness.NewRuntime();
        var (mine, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/true"));
        var (theirs, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/true") with { Cluster = "another-cluster" });
        await ExitOf(runtime, mine);
        await ExitOf(runtime, theirs);

        var listed = await _harness.NewRuntime().ListOwnedAsync(_harness.Cluster, Token);

        Assert.Equal([mine], listed.Select(c => c.RuntimeId));
        await runtime.RemoveAsync(theirs, Token);
    }

    [Fact]
    public async Task RemoveDeletesTheSandboxAndTheRecord()
    {
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "mkdir -p a/b; echo x > a/b/c; ln -s / a/root"));
        await ExitOf(runtime, id);
        Assert.True(File.Exists(Path.Combine(info.Sandbox, "a/b/c")));

        await runtime.RemoveAsync(id, Token);

        Assert.False(Directory.Exists(info.Sandbox));
        Assert.False(Directory.Exists(Path.GetDirectoryName(info.Sandbox)));
        Assert.All(info.Cgroups.Directories, d => Assert.False(Directory.Exists(d), $"cgroup {d} is left"));
        Assert.Null(await runtime.InspectAsync(id, Token));
        Assert.Null(await runtime.WaitAsync(id, Token));
        Assert.Empty(await _harness.NewRuntime().ListOwnedAsync(_harness.Cluster, Token));
        Assert.True(Directory.Exists("/etc"), "removal followed the sandbox's link to /");
        await runtime.RemoveAsync(id, Token);
    }

    [Fact]
    public async Task RemovingARunningContainerKillsItFirst()
    {
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("sleep", "300"));

        await runtime.RemoveAsync(id, Token);

        Assert.True(IsDead(info.Pid));
        Assert.False(Directory.Exists(info.Sandbox));
    }
}
