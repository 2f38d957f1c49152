using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Processes;

namespace OrleansMesos.Agent.Tests.Processes;

/// <summary>
/// A runtime root of its own (a temporary folder) and a cluster id of its own, so tests run side by side; on
/// dispose it removes every container it started (killing what still runs), their cgroups and the folder.
/// </summary>
internal sealed class ProcessRuntimeHarness : IAsyncDisposable
{
    /// <summary>The cgroup parent the tests use, apart from a real agent's.</summary>
    public const string CgroupParent = "orleansmesos-tests";

    /// <summary>How long any wait in these tests may take before it fails the test.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly List<ProcessRuntime> _runtimes = [];
    private readonly HashSet<string> _clusterCgroups = [];

    public ProcessRuntimeHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "om-process-tests", Guid.NewGuid().ToString("N")[..12]);
        Cluster = "test-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Cluster { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A runtime on the harness's root: a second one on the same root is an agent after a restart.</summary>
    public ProcessRuntime NewRuntime(Action<ProcessRuntimeOptions>? configure = null)
    {
        var options = new ProcessRuntimeOptions { RootDirectory = Root, CgroupParent = CgroupParent, AdoptedExitPollInterval = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(options);
        var runtime = new ProcessRuntime(Options.Create(options), NullLogger<ProcessRuntime>.Instance);
        _runtimes.Add(runtime);
        return runtime;
    }

    public LaunchSpec Spec(string command, params string[] args) => new(
        Cluster,
        new NodeId("node-1"),
        new FrameworkId("fw-1"),
        new ContainerId("task-" + Guid.NewGuid().ToString("N")[..8]),
        Image: null,
        command,
        args,
        new Dictionary<string, string>(),
        Resources.Zero,
        []);

    /// <summary>Starts a container and notes its cgroups for the cleanup.</summary>
    public async Task<(string Id, ProcessContainerInfo Info)> StartAsync(ProcessRuntime runtime, LaunchSpec spec)
    {
        var id = await runtime.StartAsync(spec, Token);
        var info = await runtime.InspectAsync(id, Token) ?? throw new InvalidOperationException("a started container is unknown");
        foreach (var dir in info.Cgroups.Directories)
        {
            _clusterCgroups.Add(Path.GetDirectoryName(dir)!);
        }

        return (id, info);
    }

    /// <summary>Waits, bounded, for the container to exit.</summary>
    public static async Task<ContainerExit> ExitOf(ProcessRuntime runtime, string id) =>
        await runtime.WaitAsync(id, Token).WaitAsync(Deadline, Token) ?? throw new InvalidOperationException($"{id} is unknown");

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test naming <paramref name="what"/> at the deadline.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(20, Token);
        }
    }

    /// <summary>True when no process <paramref name="pid"/> is alive (gone, or a zombie waiting to be reaped).</summary>
    public static bool IsDead(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The pids a test script wrote into <paramref name="file"/>, one a line.</summary>
    public static int[] Pids(string file) =>
        [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(int.Parse).Distinct()];

    public async ValueTask DisposeAsync()
    {
        var cleaner = NewRuntime();
        foreach (var runtime in _runtimes.Where(r => r != cleaner))
        {
            runtime.Dispose();
        }

        foreach (var owned in await cleaner.ListOwnedAsync(Cluster, CancellationToken.None))
        {
            await cleaner.RemoveAsync(owned.RuntimeId, CancellationToken.None);
        }

        cleaner.Dispose();
        foreach (var dir in _clusterCgroups)
        {
            TryRemoveDirectory(dir);

            // The tests' parent too, once no other test class uses it.
            TryRemoveDirectory(Path.GetDirectoryName(dir)!);
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        TryRemoveDirectory(Path.GetDirectoryName(Root)!);
    }

    private static void TryRemoveDirectory(string dir)
    {
        try
        {
            Directory.Delete(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
