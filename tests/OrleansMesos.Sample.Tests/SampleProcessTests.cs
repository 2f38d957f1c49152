using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansMesos.Client;
using OrleansMesos.Testing;

namespace OrleansMesos.Sample.Tests;

/// <summary>
/// The sample as a user runs it: <c>--local</c> starts a one-node cluster, runs the batch on it, and ends with
/// the summary; Ctrl-C (here SIGTERM) stops it in order, leaving no silo, container or data directory behind.
/// </summary>
public sealed class SampleProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheQuickStart_RunsEveryTask_AndEndsWithASummaryOfSuccess()
    {
        var run = await RunSampleAsync("--local", "--tasks", "6", "--task", "cpus=0.25,mem=64MiB");

        Assert.True(run.ExitCode == 0, run.Describe());
        var summary = Summary(run);
        Assert.Contains("  succeeded       6", summary);
        Assert.Contains("  failed          0", summary);
        Assert.Contains("  lost            0", summary);
        Assert.Contains(summary, l => l.StartsWith("  dominant share  ", StringComparison.Ordinal) && l.Contains("of the cluster's", StringComparison.Ordinal));
        Assert.Equal("result: all 6 tasks succeeded", summary[^1]);
    }

    [Fact]
    public async Task TasksThatAlwaysFail_AreRetried_ThenReportedFailed_WithExitCode1()
    {
        var run = await RunSampleAsync("--local", "--fail-rate", "1", "--max-retries", "1", "--tasks", "2");

        Assert.True(run.ExitCode == 1, run.Describe());
        var summary = Summary(run);
        Assert.Contains("  succeeded       0", summary);
        Assert.Contains("  failed          2", summary);
        Assert.Contains("  retries         2", summary);
        Assert.Equal("result: 2 of 2 tasks did not succeed (2 failed, 0 lost, 0 unfinished, after 2 retries)", summary[^1]);
    }

    [Fact]
    public async Task AStoppedRun_KillsItsContainers_StopsItsSilo_RemovesItsData_AndStillEndsWithTheSummary()
    {
        var framework = "batch-stop-" + Guid.NewGuid().ToString("N")[..6];
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? data = null;
        var run = await RunSampleAsync(
            ["--local", "--tasks", "2", "--task", "cpus=0.25,mem=64MiB", "--command", "/bin/sleep", "--args", "60", "--framework-id", framework],
            line =>
            {
                data ??= line.Contains(", data in ", StringComparison.Ordinal) ? line[(line.IndexOf(", data in ", StringComparison.Ordinal) + 10)..] : null;
                if (line.Contains("running 2,", StringComparison.Ordinal))
                {
                    running.TrySetResult();
                }
            },
            async process =>
            {
                await running.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
                OrleansMesos.Testing.Omsilo.Signal(process, "TERM");
            });

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal("result: 2 of 2 tasks did not succeed (0 failed, 0 lost, 2 unfinished, after 0 retries); stopped: interrupted", Summary(run)[^1]);
        Assert.NotNull(data);
        Assert.False(Directory.Exists(data), $"{data} is removed");
        Assert.Empty(Processes(p => Read(p, "cmdline").Contains(data, StringComparison.Ordinal)));
        Assert.Empty(Processes(p => Read(p, "environ").Contains("ORLEANSMESOS_FRAMEWORK_ID=" + framework + "\0", StringComparison.Ordinal)));
    }

    // Given omsilo on a Redis that asks for a password, When the sample runs with --redis and the password in
    // OrleansMesos__RedisPassword, Then it finds the gateway through Redis and runs its batch there.
    [Fact]
    public async Task OnARedisCluster_TheSampleFindsTheGatewayThroughRedis_WithThePasswordFromTheEnvironment()
    {
        Assert.SkipWhen(RedisServer.SkippedOnPurpose, $"{RedisServer.NoRedisVariable}=1: Redis tests skipped on purpose");
        const string Password = "sample-redis-password";
        var environment = new Dictionary<string, string?> { ["OrleansMesos__RedisPassword"] = Password };
        await using var redis = await RedisServer.StartAsync(new RedisServerOptions { Password = Password }, TestContext.Current.CancellationToken);
        var ids = "om-sample-" + Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(Path.GetTempPath(), "om-sample-data-" + ids);
        var siloErrors = new StringBuilder();
        using var silo = Omsilo.Start(
            environment,
            line => { lock (siloErrors) { siloErrors.AppendLine(line); } },
            ["--clustering", "redis", "--storage", "redis", "--redis", redis.Endpoint, "--cluster-id", ids, "--service-id", ids, "--node-id", ids,
                "--silo-port", $"{Loopback.FreePort()}", "--gateway-port", $"{Loopback.FreePort()}", "--runtime", "process", "--resources", "cpus=1,mem=1GiB", "--data-dir", data]);
        try
        {
            await WaitForClusterAsync(redis.Endpoint, Password, ids, silo, siloErrors);

            var run = await RunSampleAsync(
                ["--redis", redis.Endpoint, "--cluster-id", ids, "--service-id", ids, "--tasks", "3", "--task", "cpus=0.25,mem=64MiB", "--max-sleep", "0.1"],
                environment, _ => { }, _ => Task.CompletedTask);

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Equal("result: all 3 tasks succeeded", Summary(run)[^1]);
            Assert.DoesNotContain(Password, run.Output + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Omsilo.Signal(silo, "TERM");
            Assert.True(silo.WaitForExit(Deadline), "omsilo stops on SIGTERM");
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>Waits until a framework can connect through Redis: omsilo is then in the membership table.</summary>
    private static async Task WaitForClusterAsync(string redis, string password, string ids, Process silo, StringBuilder siloErrors)
    {
        var connection = new ClusterConnection { Redis = redis, RedisPassword = password, ClusterId = ids, ServiceId = ids, ConnectTimeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            Assert.False(silo.HasExited, $"omsilo exited: {siloErrors}");
            try
            {
                await using var probe = await FrameworkClient.ConnectAsync(connection, new FrameworkClientOptions { Id = new FrameworkId("probe-" + ids) }, TestContext.Current.CancellationToken);
                await probe.UnregisterAsync(TestContext.Current.CancellationToken);
                return;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline && ex is Orleans.Runtime.OrleansException or TimeoutException)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>The summary: the lines from "Summary" to the end of the output.</summary>
    private static string[] Summary(SampleRun run)
    {
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var start = Array.LastIndexOf(lines, "Summary");
        Assert.True(start >= 0, run.Describe());
        return lines[start..];
    }

    private static Task<SampleRun> RunSampleAsync(params string[] args) => RunSampleAsync(args, _ => { }, _ => Task.CompletedTask);

    private static Task<SampleRun> RunSampleAsync(string[] args, Action<string> onLine, Func<Process, Task> whileRunning) =>
        RunSampleAsync(args, new Dictionary<string, string?>(), onLine, whileRunning);

    /// <summary>Runs the sample built beside these tests (same configuration), with <paramref name="environment"/> added, within the deadline, watching its output lines.</summary>
    private static async Task<SampleRun> RunSampleAsync(string[] args, IReadOnlyDictionary<string, string?> environment, Action<string> onLine, Func<Process, Task> whileRunning)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(SampleDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }

                onLine(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await whileRunning(process);
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the sample did not end within {Deadline.TotalSeconds} s:\n{output}\n{error}");
        }

        // The last lines are in once the process has exited and WaitForExit has drained the pipes.
        process.WaitForExit();
        return new SampleRun(process.ExitCode, output.ToString(), error.ToString());
    }

    private static string SampleDll()
    {
        // The tests run from bin/<configuration>/net10.0: the sample of the same configuration is run.
        var dll = Path.Combine(OrleansMesos.Testing.Repository.Root, "client-sample", "bin", OrleansMesos.Testing.Repository.Configuration, "net10.0", "OrleansMesos.ClientSample.dll");
        Assert.True(File.Exists(dll), $"{dll} is built before these tests");
        return dll;
    }


    private static IEnumerable<string> Processes(Func<string, bool> match) =>
        Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Where(match)
            .ToList();

    private static string Read(string process, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(process, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private sealed record SampleRun(int ExitCode, string Output, string Error)
    {
        public string Describe() => $"exit code {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
    }
}
