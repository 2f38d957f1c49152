using System.Runtime.Versioning;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Processes;
using static OrleansMesos.Agent.Tests.Processes.ProcessRuntimeHarness;

namespace OrleansMesos.Agent.Tests.Processes;

// Real processes on this host: start, exit codes, output, environment, working directory, failures to start.
[SupportedOSPlatform("linux")]
public sealed class ProcessRuntimeLaunchTests : IAsyncDisposable
{
    private readonly ProcessRuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task IsAvailableOnLinux()
    {
        var runtime = _harness.NewRuntime();

        Assert.Equal("process", runtime.Name);
        Assert.Equal(OperatingSystem.IsLinux(), await runtime.IsAvailableAsync(Token));
    }

    [Fact]
    public async Task TheExitCodeIsTheProcesss()
    {
        var runtime = _harness.NewRuntime();

        var (id, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "exit 3"));
        var exit = await ExitOf(runtime, id);

        Assert.Equal(3, exit.ExitCode);
        Assert.Equal("exited with code 3", exit.Reason);
        Assert.Null(exit.LogTail);
    }

    [Fact]
    public async Task ASuccessfulExitHasNoReasonAndNoTail()
    {
        var runtime = _harness.NewRuntime();

        var (id, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "echo fine"));
        var exit = await ExitOf(runtime, id);

        Assert.Equal(new ContainerExit(0, null, null), exit);
    }

    [Fact]
    public async Task OutputLandsInTheSandbox()
    {
        var runtime = _harness.NewRuntime();

        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "echo hello; echo oops >&2"));
        await ExitOf(runtime, id);

        Assert.StartsWith(_harness.Root + "/", info.Sandbox, StringComparison.Ordinal);
        Assert.Equal(info.Sandbox, info.WorkingDirectory);
        Assert.Equal(Path.Combine(info.Sandbox, "stdout"), info.StdoutPath);
        Assert.Equal("hello\n", await File.ReadAllTextAsync(info.StdoutPath, Token));
        Assert.Equal("oops\n", await File.ReadAllTextAsync(info.StderrPath, Token));
    }

    [Fact]
    public async Task TheSpecsEnvironmentIsSetOnAMinimalBase()
    {
        var runtime = _harness.NewRuntime();
        var spec = _harness.Spec("env") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world", ["HOME"] = "/elsewhere" },
            GpuUuids = ["GPU-1111", "GPU-2222"],
        };
        Environment.SetEnvironmentVariable("OM_PROCESS_TEST_AGENT_ONLY", "leaked");

        var (id, info) = await _harness.StartAsync(runtime, spec);
        await ExitOf(runtime, id);
        var env = (await File.ReadAllLinesAsync(info.StdoutPath, Token)).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

        Assert.Equal("hello world", env["GREETING"]);
        Assert.Equal("/elsewhere", env["HOME"]);
        Assert.Equal(ProcessRuntimeOptions.DefaultPath, env["PATH"]);
        Assert.Equal(info.Sandbox, env["ORLEANSMESOS_SANDBOX"]);
        Assert.Equal(spec.Container.Value, env["ORLEANSMESOS_CONTAINER_ID"]);
        Assert.Equal("fw-1", env["ORLEANSMESOS_FRAMEWORK_ID"]);
        Assert.Equal(_harness.Cluster, env["ORLEANSMESOS_CLUSTER"]);
        Assert.Equal("node-1", env["ORLEANSMESOS_NODE"]);
        Assert.Equal("GPU-1111,GPU-2222", env["CUDA_VISIBLE_DEVICES"]);
        Assert.False(env.ContainsKey("OM_PROCESS_TEST_AGENT_ONLY"), "the agent's own environment leaked into the container");
    }

    [Fact]
    public async Task TheWorkingDirectoryIsTheSandboxOrTheOneGiven()
    {
        var runtime = _harness.NewRuntime();
        var elsewhere = Directory.CreateDirectory(Path.Combine(_harness.Root, "elsewhere")).FullName;

        var (inSandbox, sandboxInfo) = await _harness.StartAsync(runtime, _harness.Spec("pwd"));
        var (relative, relativeInfo) = await _harness.StartAsync(runtime, _harness.Spec("pwd") with { WorkingDirectory = "work/here" });
        var (absolute, absoluteInfo) = await _harness.StartAsync(runtime, _harness.Spec("pwd") with { WorkingDirectory = elsewhere });
        await Task.WhenAll(ExitOf(runtime, inSandbox), ExitOf(runtime, relative), ExitOf(runtime, absolute));

        Assert.Equal(sandboxInfo.Sandbox + "\n", await File.ReadAllTextAsync(sandboxInfo.StdoutPath, Token));
        Assert.Equal(Path.Combine(relativeInfo.Sandbox, "work/here") + "\n", await File.ReadAllTextAsync(relativeInfo.StdoutPath, Token));
        Assert.Equal(elsewhere + "\n", await File.ReadAllTextAsync(absoluteInfo.StdoutPath, Token));
    }

    [Fact]
    public async Task AMissingWorkingDirectoryOrOneOutsideTheSandboxIsRefused()
    {
        var runtime = _harness.NewRuntime();

        var missing = await Assert.ThrowsAsync<RuntimeException>(() =>
            runtime.StartAsync(_harness.Spec("pwd") with { WorkingDirectory = "/no/such/dir" }, Token));
        var escaping = await Assert.ThrowsAsync<RuntimeException>(() =>
            runtime.StartAsync(_harness.Spec("pwd") with { WorkingDirectory = "../../.." }, Token));

        Assert.Contains("/no/such/dir does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("leaves the sandbox", escaping.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingProgramIsARuntimeExceptionThatNamesIt()
    {
        var runtime = _harness.NewRuntime();

        var byName = await Assert.ThrowsAsync<RuntimeException>(() => runtime.StartAsync(_harness.Spec("no-such-program-om"), Token));
        var byPath = await Assert.ThrowsAsync<RuntimeException>(() => runtime.StartAsync(_harness.Spec("/no/such/program"), Token));
        var directory = await Assert.ThrowsAsync<RuntimeException>(() => runtime.StartAsync(_harness.Spec("/tmp"), Token));

        Assert.Equal($"cannot start 'no-such-program-om': no such program in PATH={ProcessRuntimeOptions.DefaultPath}", byName.Message);
        Assert.Equal("cannot start '/no/such/program': /no/such/program does not exist", byPath.Message);
        Assert.Equal("cannot start '/tmp': /tmp is a directory", directory.Message);
        Assert.Empty(await runtime.ListOwnedAsync(_harness.Cluster, Token));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_harness.Root, "containers")));
    }

    [Fact]
    public async Task AProgramThatIsNotExecutableIsRefused()
    {
        var runtime = _harness.NewRuntime();
        var script = Path.Combine(_harness.Root, "plain.txt");
        await File.WriteAllTextAsync(script, "echo hi\n", Token);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var e = await Assert.ThrowsAsync<RuntimeException>(() => runtime.StartAsync(_harness.Spec(script), Token));

        Assert.Equal($"cannot start '{script}': {script} is not executable", e.Message);
    }

    [Fact]
    public async Task AnImageOrNoCommandIsRefused()
    {
        var runtime = _harness.NewRuntime();

        var image = await Assert.ThrowsAsync<RuntimeException>(() => runtime.StartAsync(_harness.Spec("/bin/true") with { Image = "busybox" }, Token));
        var none = await Assert.ThrowsAsync<RuntimeException>(() => runtime.StartAsync(_harness.Spec("") with { Command = null }, Token));

        Assert.Contains("runs no images", image.Message, StringComparison.Ordinal);
        Assert.Contains("needs a command", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArgumentsArePassedAsTheyAreWithoutAShell()
    {
        var runtime = _harness.NewRuntime();

        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("printf", "%s|", "two words", "$HOME", "*", "'quoted'"));
        await ExitOf(runtime, id);

        Assert.Equal("two words|$HOME|*|'quoted'|", await File.ReadAllTextAsync(info.StdoutPath, Token));
    }

    [Fact]
    public async Task AFailureCarriesTheLastLinesOfItsOutput()
    {
        var runtime = _harness.NewRuntime();
        const string script = "i=1; while [ $i -le 30 ]; do echo out$i; i=$((i + 1)); done; echo broken >&2; exit 1";

        var (id, _) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", script));
        var exit = await ExitOf(runtime, id);

        var expected = "--- stderr ---\nbroken\n--- stdout ---\n" + string.Join('\n', Enumerable.Range(11, 20).Select(i => $"out{i}"));
        Assert.Equal(1, exit.ExitCode);
        Assert.Equal(expected, exit.LogTail);
    }

    [Fact]
    public async Task TheContainerLeadsASessionAndProcessGroupOfItsOwn()
    {
        var runtime = _harness.NewRuntime();

        var (id, info) = await _harness.StartAsync(runtime, _harness.Spec("/bin/sh", "-c", "cut -d' ' -f5,6 /proc/$$/stat; echo $$"));
        await ExitOf(runtime, id);
        var lines = await File.ReadAllLinesAsync(info.StdoutPath, Token);

        // pgid and sid, then the shell's pid: all the container's pid, which the runtime reports.
        Assert.Equal([$"{info.Pid} {info.Pid}", $"{info.Pid}"], lines);
        Assert.NotEqual(Environment.ProcessId, info.Pid);
    }
}
