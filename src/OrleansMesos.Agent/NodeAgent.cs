using Microsoft.Extensions.Logging;
using OrleansMesos.Agent.Runtimes;

namespace OrleansMesos.Agent;

/// <summary>
/// The agent of one host: registers its node grain, heartbeats, runs the containers the node grain asks for
/// through a runtime and reports every change of state. On start it reconciles: containers of this cluster
/// that still run are adopted, ones the cluster does not know are killed, ones the cluster expects but that
/// are gone are reported Lost.
/// </summary>
public sealed partial class NodeAgent(IGrainFactory grains, IContainerRuntime runtime, NodeAgentOptions options, ILogger<NodeAgent> logger)
    : INodeAgent, IAsyncDisposable
{
    private const int ReportAttempts = 5;

    private readonly object _gate = new();
    private readonly Dictionary<(FrameworkId, ContainerId), Tracked> _containers = [];
    private readonly CancellationTokenSource _stopping = new();
    private INodeAgent? _self;
    private Task _heartbeats = Task.CompletedTask;

    private INodeGrain Node => grains.GetGrain<INodeGrain>(options.Node.Value);

    /// <summary>Registers the node, reconciles with the cluster's books, then heartbeats until disposed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.GpuUuids.Count != options.Capacity.Gpus)
        {
            throw new Errors.InvalidFieldException("gpuUuids", "must name as many GPUs as the capacity offers", $"{options.GpuUuids.Count} named, {options.Capacity.Gpus} offered");
        }

        _self = grains.CreateObjectReference<INodeAgent>(this);
        await Node.Register(new NodeRegistration(options.Node, options.Capacity, options.Attributes, _self));
        await ReconcileAsync(cancellationToken);
        _heartbeats = HeartbeatAsync(_stopping.Token);
        LogStarted(options.Node, runtime.Name, options.Capacity);
    }

    /// <inheritdoc />
    public Task Launch(LaunchCommand command)
    {
        RunAsync(command).Ignore();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Kill(NodeId node, FrameworkId framework, ContainerId container, TimeSpan grace)
    {
        KillAsync(framework, container, grace).Ignore();
        return Task.CompletedTask;
    }

    /// <summary>The containers this agent runs now, by framework and container id.</summary>
    public IReadOnlyCollection<(FrameworkId Framework, ContainerId Container)> Running()
    {
        lock (_gate)
        {
            return [.. _containers.Keys];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _heartbeats;
        }
        catch (OperationCanceledException)
        {
        }

        if (_self is not null)
        {
            grains.DeleteObjectReference<INodeAgent>(_self);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(LaunchCommand command)
    {
        var key = (command.Framework, command.Spec.Id);
        var tracked = new Tracked();
        string[] gpus;
        lock (_gate)
        {
            if (_containers.ContainsKey(key))
            {
                return; // a repeated launch: it runs already
            }

            gpus = FreeGpus(command.Spec.Resources.Gpus);
            tracked.Gpus = gpus;
            tracked.Limits = command.Spec.Resources;
            _containers[key] = tracked;
        }

        await Report(command.Framework, command.Spec.Id, ContainerState.Starting);
        var spec = new LaunchSpec(
            options.Cluster,
            options.Node,
            command.Framework,
            command.Spec.Id,
            command.Spec.Image,
            command.Spec.Command,
            command.Spec.Args ?? [],
            command.Spec.Env ?? [],
            command.Spec.Resources,
            gpus);
        try
        {
            tracked.RuntimeId = await runtime.StartAsync(spec, _stopping.Token);
        }
        catch (Exception ex) when (ex is RuntimeException or OperationCanceledException)
        {
            Forget(key);
            LogStartFailed(ex, command.Spec.Id, options.Node);
            await Report(command.Framework, command.Spec.Id, ContainerState.Failed, null, ex.Message);
            return;
        }

        if (tracked.KillRequested)
        {
            await runtime.StopAsync(tracked.RuntimeId, TimeSpan.Zero, _stopping.Token);
        }
        else
        {
            await Report(command.Framework, command.Spec.Id, ContainerState.Running);
        }

        await WatchAsync(key, tracked);
    }

    /// <summary>Waits for a container to end, reports how, and removes it.</summary>
    private async Task WatchAsync((FrameworkId Framework, ContainerId Container) key, Tracked tracked)
    {
        var exit = await runtime.WaitAsync(tracked.RuntimeId!, _stopping.Token);
        Forget(key);
        var state = tracked.KillRequested ? ContainerState.Killed
            : exit is { ExitCode: 0 } ? ContainerState.Finished
            : ContainerState.Failed;
        var reason = exit is null ? "the runtime no longer knows the container"
            : exit.LogTail is { Length: > 0 } tail && state == ContainerState.Failed ? $"{exit.Reason}; last output: {tail}"
            : exit.Reason;
        await Report(key.Framework, key.Container, state, exit?.ExitCode, reason);
        await runtime.RemoveAsync(tracked.RuntimeId!, _stopping.Token);
    }

    private async Task KillAsync(FrameworkId framework, ContainerId container, TimeSpan grace)
    {
        Tracked? tracked;
        lock (_gate)
        {
            if (_containers.TryGetValue((framework, container), out tracked))
            {
                tracked.KillRequested = true;
            }
        }

        if (tracked is null)
        {
            // Not running here (never started, or gone): the node grain hears that it is over.
            await Report(framework, container, ContainerState.Killed, null, "not running on the node when killed");
        }
        else if (tracked.RuntimeId is { } id)
        {
            await runtime.StopAsync(id, grace, _stopping.Token);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await Node.Heartbeat(Usage());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHeartbeatFailed(ex, options.Node);
            }
        }
    }

    /// <summary>What the running containers may use (their limits): the agent's measure of usage.</summary>
    private NodeUsage Usage()
    {
        lock (_gate)
        {
            return new NodeUsage(_containers.Values.Aggregate(Resources.Zero, (sum, t) => sum + t.Limits), _containers.Count);
        }
    }

    private string[] FreeGpus(int count)
    {
        var used = _containers.Values.SelectMany(t => t.Gpus).ToHashSet();
        var free = options.GpuUuids.Where(g => !used.Contains(g)).Take(count).ToArray();
        return free.Length == count ? free : throw new InvalidOperationException($"{count} GPU(s) asked, {free.Length} free: the node grain committed more GPUs than the node has");
    }

    private void Forget((FrameworkId, ContainerId) key)
    {
        lock (_gate)
        {
            _containers.Remove(key);
        }
    }

    /// <summary>Reports to the node grain, trying a few times over a few seconds; reconciliation catches what still fails.</summary>
    private async Task Report(FrameworkId framework, ContainerId container, ContainerState state, int? exitCode = null, string? reason = null)
    {
        var report = new AgentReport(framework, container, state, exitCode, reason);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Node.Report(report);
                return;
            }
            catch (Exception ex) when (attempt < ReportAttempts && !_stopping.IsCancellationRequested)
            {
                LogReportRetry(ex, container, state, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _stopping.Token);
            }
            catch (Exception ex)
            {
                LogReportFailed(ex, container, state);
                return;
            }
        }
    }

    private sealed class Tracked
    {
        public string? RuntimeId { get; set; }

        public string[] Gpus { get; set; } = [];

        public Resources Limits { get; set; }

        public bool KillRequested { get; set; }
    }
}
