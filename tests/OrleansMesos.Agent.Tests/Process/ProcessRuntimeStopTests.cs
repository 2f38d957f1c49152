using System.Diagnostics;
using OrleansMesos.Agent.Runtimes;
using static OrleansMesos.Agent.Tests.Processes.ProcessRuntimeHarness;

namespace OrleansMesos.Agent.Tests.Processes;

// Stops reach the whole tree: children, grandchildren, orphans; SIGTERM first, SIGKILL after the grace period.
public sealed class ProcessRuntimeStopTests : IAsyncDisposable
{
    // Children and grandchildren, one orphaned (its parent exits, so it moves to init): each writes its pid to
    // ./pids; ./ready appears once all six lines are there.
    private const string Tree =
        """
        sleep 300 &
        echo $! >> pids
        sh -c 'sleep 300 & echo $! >> pids; sleep 300 & echo $! >> pids; echo $$ >> pids; wait' &
        echo $! >> pids
        ( sleep 300 & echo $! >> pids )
        while [ "$(wc -l < pids)" -lt 6 ]; do sleep 0.02; done
        echo $$ > ready
        wait
        """;

    private readonly ProcessRuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task AStopSendsSigtermFirst()
    {
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "trap 'echo got TERM; exit 7' TERM; echo ready > ready; while :; do sleep 0.05; done"));
        await Until(() => File.Exists(Path.Combine(info.Sandbox, "ready")), "the script traps SIGTERM");

        await runtime.StopAsync(id, TimeSpan.FromSeconds(20), Token);
        var exit = await ExitOf(runtime, id);

        Assert.Equal(7, exit.ExitCode);
        Assert.Equal("stopped by the agent with SIGTERM; exited with code 7", exit.Reason);
        Assert.Contains("got TERM", await File.ReadAllTextAsync(info.StdoutPath, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStopKillsTheWholeTreeIncludingGrandchildrenAndOrphans()
    {
        var runtime = _harness.NewRuntime();
        var (id, info) = await StartScriptAsync(runtime, Tree);
        var pids = await ReadyPidsAsync(info.Sandbox);
        Assert.Equal(5, pids.Length);
        Assert.All(pids, pid => Assert.False(IsDead(pid), $"{pid} should run before the stop"));

        await runtime.StopAsync(id, TimeSpan.FromSeconds(20), Token);
        var exit = await ExitOf(runtime, id);

        Assert.Equal(143, exit.ExitCode);
        Assert.Equal("stopped by the agent with SIGTERM; ended by SIGTERM (15)", exit.Reason);
        Assert.True(IsDead(info.Pid));
        await Until(() => pids.All(IsDead), $"every process of the tree ({string.Join(", ", pids)}) is gone");
    }

    [Fact]
    public async Task WhatIgnoresSigtermIsKilledAfterTheGracePeriod()
    {
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "trap '' TERM; sleep 300 & echo $! > pids; echo ready > ready; wait"));
        await Until(() => File.Exists(Path.Combine(info.Sandbox, "ready")), "the script ignores SIGTERM");
        var child = Pids(Path.Combine(info.Sandbox, "pids")).Single();
        var grace = TimeSpan.FromSeconds(1);

        var clock = Stopwatch.StartNew();
        await runtime.StopAsync(id, grace, Token);
        var exit = await ExitOf(runtime, id);
        clock.Stop();

        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("killed by the agent with SIGKILL after it did not stop within the 1 s grace period; ended by SIGKILL (9)", exit.Reason);
        Assert.InRange(clock.Elapsed, grace - TimeSpan.FromMilliseconds(50), Deadline);
        await Until(() => IsDead(child), "the child that ignored SIGTERM is gone");
    }

    [Fact]
    public async Task WhatTheMainProcessLeavesRunningIsKilledWhenItEnds()
    {
        // The main process exits on SIGTERM at once; its grandchild ignores SIGTERM and would outlive it.
        var runtime = _harness.NewRuntime();
        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "sh -c \"trap '' TERM; sleep 300\" & echo $! > pids; echo ready > ready; wait"));
        await Until(() => File.Exists(Path.Combine(info.Sandbox, "ready")), "the tree is up");
        var grandchild = Pids(Path.Combine(info.Sandbox, "pids")).Single();

        var clock = Stopwatch.StartNew();
        await runtime.StopAsync(id, TimeSpan.FromSeconds(60), Token);
        var exit = await ExitOf(runtime, id);

        Assert.Equal(143, exit.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the stop waited for the grace period ({clock.Elapsed}) instead of ending with the main process");
        await Until(() => IsDead(grandchild), "the grandchild that ignored SIGTERM is gone");
    }

    [Fact]
    public async Task AZeroGraceKillsAtOnce()
    {
        var runtime = _harness.NewRuntime();
        var (id, info) = await StartScriptAsync(runtime, Tree);
        var pids = await ReadyPidsAsync(info.Sandbox);

        await runtime.StopAsync(id, TimeSpan.Zero, Token);
        var exit = await ExitOf(runtime, id);

        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("killed by the agent with SIGKILL; ended by SIGKILL (9)", exit.Reason);
        await Until(() => pids.All(IsDead), "every process of the tree is gone");
    }

    [Fact]
    public async Task AProcessThatEndsOnItsOwnIsNotReportedAsStopped()
    {
        var runtime = _harness.NewRuntime();

        var (id, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "kill -SEGV $$"));
        var exit = await ExitOf(runtime, id);

        Assert.Equal(139, exit.ExitCode);
        Assert.Equal("ended by SIGSEGV (11)", exit.Reason);
    }

    [Fact]
    public async Task StoppingAnExitedOrUnknownContainerDoesNothing()
    {
        var runtime = _harness.NewRuntime();
        var (id, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "exit 2"));
        var before = await ExitOf(runtime, id);

        await runtime.StopAsync(id, TimeSpan.FromSeconds(1), Token);
        await runtime.StopAsync("unknown-id", TimeSpan.FromSeconds(1), Token);
        await runtime.StopAsync("../../etc", TimeSpan.FromSeconds(1), Token);

        Assert.Equal(before, await ExitOf(runtime, id));
        Assert.Null(await runtime.WaitAsync("unknown-id", Token));
    }

    private async Task<(string Id, Runtimes.Processes.ProcessContainerInfo Info)> StartScriptAsync(Runtimes.Processes.ProcessRuntime runtime, string script)
    {
        var file = Path.Combine(_harness.Root, "script-" + Guid.NewGuid().ToString("N")[..8] + ".sh");
        await File.WriteAllTextAsync(file, script + "\n", Token);
        return await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", file));
    }

    private static async Task<int[]> ReadyPidsAsync(string sandbox)
    {
        await Until(() => File.Exists(Path.Combine(sandbox, "ready")), "the tree is up");
        return Pids(Path.Combine(sandbox, "pids"));
    }
}
