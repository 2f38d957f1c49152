using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMesos.Agent.Runtimes.Processes.Cgroups;
using OrleansMesos.Errors;
using SystemProcess = System.Diagnostics.Process;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>
/// Runs containers as native processes, like Mesos's own containerizer: the command (no shell, no image) in a
/// session of its own, in a sandbox folder that holds its stdout and stderr, under cgroup CPU and memory limits
/// where the host allows them (see <see cref="LaunchCommand"/> for how it starts and <see cref="CgroupManager"/>
/// for the limits).
/// </summary>
/// <remarks>
/// <para>Every container has a record on disk, so a runtime started later on the same root (after an agent
/// restart) finds the containers still running and those that ended (<see cref="ListOwnedAsync"/>). Only a parent
/// can read a process's exit status, so a container adopted that way ends with <see cref="UnknownExitCode"/> and a
/// reason that says so.</para>
/// <para>A container ends when its main process does: what it left running in its session or cgroups is killed
/// then, as Docker does with a container's PID namespace. Disposing the runtime only stops watching: the containers
/// keep running for the next agent to adopt.</para>
/// </remarks>
public sealed partial class ProcessRuntime : IContainerRuntime, IDisposable
{
    /// <summary>The runtime's name.</summary>
    public const string RuntimeName = "process";

    /// <summary>The exit code of a container whose status could not be read (adopted after a restart, or ended while no agent watched): -1.</summary>
    public const int UnknownExitCode = ExitDescription.UnknownExitCode;

    private static readonly TimeSpan s_placementPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan s_killPoll = TimeSpan.FromMilliseconds(50);

    private readonly ProcessRuntimeOptions _options;
    private readonly ILogger<ProcessRuntime> _logger;
    private readonly TimeProvider _time;
    private readonly ContainerStore _store;
    private readonly CgroupManager _cgroups;
    private readonly ConcurrentDictionary<string, Lazy<Task<ProcessContainer?>>> _containers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Creates the runtime on the root of <paramref name="options"/>.</summary>
    public ProcessRuntime(IOptions<ProcessRuntimeOptions> options, ILogger<ProcessRuntime> logger, TimeProvider? time = null)
    {
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _store = new ContainerStore(_options.RootDirectory);
        _cgroups = new CgroupManager(_options);
    }

    /// <inheritdoc />
    public string Name => RuntimeName;

    /// <inheritdoc />
    public Task<bool> IsAvailableAsync(CancellationToken cancellationToken) =>
        Task.FromResult(OperatingSystem.IsLinux() && File.Exists(_options.ShellPath) && File.Exists(_options.SetsidPath));

    /// <inheritdoc />
    public async Task<string> StartAsync(LaunchSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (spec.Image is not null)
        {
            throw new RuntimeException($"container {spec.Container}: the process runtime runs no images, and '{spec.Image}' was asked for");
        }

        if (string.IsNullOrEmpty(spec.Command))
        {
            throw new RuntimeException($"container {spec.Container}: the process runtime needs a command to run");
        }

        if (!IdRules.IsValid(spec.Cluster))
        {
            throw new RuntimeException($"container {spec.Container}: the cluster id '{spec.Cluster}' {IdRules.Rule}");
        }

        var runtimeId = Guid.NewGuid().ToString("N");
        var sandbox = _store.SandboxOf(runtimeId);
        var cgroups = ContainerCgroups.None;
        ContainerRecord record;
        SystemProcess process;
        string program;
        try
        {
            Directory.CreateDirectory(sandbox);
            var environment = LaunchCommand.Environment(spec, _options.DefaultSearchPath, sandbox);
            var workingDirectory = PrepareWorkingDirectory(spec, sandbox);
            program = LaunchCommand.ResolveProgram(spec.Command, environment["PATH"], workingDirectory);

            cgroups = _cgroups.Create(spec.Cluster, runtimeId, spec.Limits);
            record = new ContainerRecord
            {
                RuntimeId = runtimeId,
                Labels = ContainerLabels.For(spec),
                Sandbox = sandbox,
                WorkingDirectory = workingDirectory,
                Cgroups = cgroups,
                CreatedAt = _time.GetUtcNow(),
            };

            // Recorded before the start, so that an agent that dies in between still finds (and cleans up) the container.
            _store.Write(record);
            process = Launch(spec, program, environment, workingDirectory, sandbox, cgroups);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RuntimeException or Win32Exception or ArgumentException)
        {
            await CgroupManager.RemoveAsync(cgroups, _options.KillTimeout, _time, CancellationToken.None).ConfigureAwait(false);
            _store.Delete(runtimeId);
            throw e as RuntimeException ?? new RuntimeException($"container {spec.Container}: cannot start '{spec.Command}': {e.Message}", e);
        }

        // Running from here on: nothing may fail the start any more, or the process would run on untracked.
        var (stat, placed) = await AwaitPlacementAsync(process.Id, cgroups).ConfigureAwait(false);
        if (!placed)
        {
            cgroups = cgroups with
            {
                LimitsApplied = spec.Limits.MilliCpus == 0 && spec.Limits.MemoryBytes == 0,
                Note = string.Join("; ", new[] { cgroups.Note, "the process was not seen in its session and cgroups in time: its limits may not hold" }.OfType<string>()),
            };
        }

        var container = new ProcessContainer(record with { Pid = process.Id, StartTime = stat?.StartTime ?? 0, Cgroups = cgroups }, isChild: true);
        Save(container, r => r);
        _containers[runtimeId] = new Lazy<Task<ProcessContainer?>>(Task.FromResult<ProcessContainer?>(container));
        LogStarted(runtimeId, spec.Container, process.Id, program);
        if (!cgroups.LimitsApplied)
        {
            LogLimitsNotApplied(runtimeId, spec.Container, cgroups.Note ?? "unknown");
        }

        _ = WatchChildAsync(container, process);
        return runtimeId;
    }

    /// <inheritdoc />
    public async Task<ContainerExit?> WaitAsync(string runtimeId, CancellationToken cancellationToken)
    {
        var container = await FindAsync(runtimeId).ConfigureAwait(false);
        if (container is null)
        {
            return null;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        try
        {
            return await container.Exit.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ProcessRuntime), "the runtime was disposed while waiting; the container runs on");
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(string runtimeId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var container = await FindAsync(runtimeId).ConfigureAwait(false);
        if (container is null || !container.IsRunning)
        {
            return;
        }

        if (grace > TimeSpan.Zero)
        {
            MarkStop(container, StopKind.Terminated, grace);
            LogStopping(runtimeId, "SIGTERM", grace);
            SignalContainer(container.Record, Signals.Term);
            if (await ExitedWithinAsync(container, grace, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        MarkStop(container, StopKind.Killed, grace);
        LogStopping(runtimeId, "SIGKILL", grace);
        var deadline = _time.GetTimestamp() + ToTicks(_options.KillTimeout);
        do
        {
            // Again and again: a process forked while the last round was sent would have missed it.
            SignalContainer(container.Record, Signals.Kill);
            if (await ExitedWithinAsync(container, s_killPoll, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        while (_time.GetTimestamp() < deadline);

        throw new RuntimeException($"container {runtimeId} still runs {_options.KillTimeout.TotalSeconds} s after SIGKILL (a process stuck in the kernel?)");
    }

    /// <inheritdoc />
    /// <remarks>A container still running is killed first, as <c>docker rm -f</c> does.</remarks>
    public async Task RemoveAsync(string runtimeId, CancellationToken cancellationToken)
    {
        var container = await FindAsync(runtimeId).ConfigureAwait(false);
        if (container is null)
        {
            return;
        }

        if (container.IsRunning)
        {
            await StopAsync(runtimeId, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        await container.Exit.WaitAsync(cancellationToken).ConfigureAwait(false);
        var left = await CgroupManager.RemoveAsync(container.Record.Cgroups, _options.KillTimeout, _time, cancellationToken).ConfigureAwait(false);
        if (left.Count > 0)
        {
            LogCgroupsLeft(runtimeId, string.Join(", ", left));
        }

        _store.Delete(runtimeId);
        _containers.TryRemove(runtimeId, out _);
        LogRemoved(runtimeId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimeContainer>> ListOwnedAsync(string cluster, CancellationToken cancellationToken)
    {
        var owned = new List<RuntimeContainer>();
        foreach (var runtimeId in _store.RuntimeIds())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await FindAsync(runtimeId).ConfigureAwait(false) is not { } container || container.Record.Cluster != cluster)
            {
                continue;
            }

            var labels = container.Record.Labels;
            try
            {
                var exit = container.IsRunning ? null : await container.Exit.ConfigureAwait(false);
                owned.Add(new RuntimeContainer(
                    runtimeId,
                    new NodeId(labels.GetValueOrDefault(ContainerLabels.Node, "")),
                    new FrameworkId(labels.GetValueOrDefault(ContainerLabels.Framework, "")),
                    new ContainerId(labels.GetValueOrDefault(ContainerLabels.Container, "")),
                    exit is null,
                    exit?.ExitCode));
            }
            catch (InvalidFieldException e)
            {
                LogUnreadableRecord(runtimeId, e.Message);
            }
        }

        return owned;
    }

    /// <summary>What the runtime knows of a container beyond the interface: pid, sandbox, cgroups; null when unknown.</summary>
    public async Task<ProcessContainerInfo?> InspectAsync(string runtimeId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await FindAsync(runtimeId).ConfigureAwait(false) is not { } container)
        {
            return null;
        }

        var r = container.Record;
        return new ProcessContainerInfo(
            r.RuntimeId, r.Pid, r.Sandbox, r.WorkingDirectory, StdoutOf(r), StderrOf(r), r.Cgroups, !container.IsChild, container.IsRunning);
    }

    /// <summary>Stops watching the containers; they keep running, for a runtime started later on the same root to adopt.</summary>
    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }
    }

    private static string StdoutOf(ContainerRecord record) => Path.Combine(record.Sandbox, "stdout");

    private static string StderrOf(ContainerRecord record) => Path.Combine(record.Sandbox, "stderr");

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
