using System.Collections.Concurrent;
using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>
/// Runs containers on the host's Docker engine: cpu and memory limits, GPUs through device requests, the cluster's
/// labels on every container (so that reconciliation finds them), exit codes from the wait endpoint.
/// </summary>
public sealed partial class DockerRuntime : IContainerRuntime, IDisposable
{
    /// <summary>The runtime's name.</summary>
    public const string RuntimeName = "docker";

    private readonly IDockerOperations _docker;
    private readonly DockerRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DockerContainer> _containers = new(StringComparer.Ordinal);

    /// <summary>Creates the runtime for the engine that the options, <c>DOCKER_HOST</c> or the default socket name.</summary>
    /// <exception cref="OptionsValidationException">The options are out of range.</exception>
    public DockerRuntime(IOptions<DockerRuntimeOptions> options, ILogger<DockerRuntime> logger)
        : this(Validated(options), logger)
    {
    }

    private DockerRuntime(DockerRuntimeOptions options, ILogger logger)
        : this(new DockerOperations(DockerEndpoint.Resolve(options.Endpoint, Environment.GetEnvironmentVariable(DockerEndpoint.EnvironmentVariable))), options, logger)
    {
    }

    internal DockerRuntime(IDockerOperations docker, DockerRuntimeOptions options, ILogger logger)
    {
        _docker = docker;
        _options = options;
        _logger = logger;
        Endpoint = (docker as DockerOperations)?.Endpoint;
    }

    /// <inheritdoc />
    public string Name => RuntimeName;

    /// <summary>The engine this runtime talks to (null for a substituted engine in tests).</summary>
    public Uri? Endpoint { get; }

    /// <inheritdoc />
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PingTimeout);
        try
        {
            await _docker.PingAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // No engine, a refused socket, a timeout, an engine in error: all mean "not available now".
            LogEngineUnavailable(_logger, Endpoint, e.Message);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<string> StartAsync(LaunchSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = DockerContainerSpec.Name(spec, DockerContainerSpec.NewSuffix());
        var parameters = DockerContainerSpec.Create(spec, name, _options.NetworkMode);
        var image = parameters.Image;
        await EnsureImageAsync(image, cancellationToken).ConfigureAwait(false);

        var id = await Engine(() => _docker.CreateContainerAsync(parameters, cancellationToken), $"create container {name} from image '{image}'")
            .ConfigureAwait(false);
        var container = _containers.GetOrAdd(id, i => new DockerContainer(i, DockerContainerState.Created));
        await container.Lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var started = await Engine(() => _docker.StartContainerAsync(id, cancellationToken), $"start container {name} ({container.ShortId})")
                .ConfigureAwait(false);
            if (!started)
            {
                throw new RuntimeException($"container {name} ({container.ShortId}) was removed before it started");
            }

            container.State = DockerContainerState.Running;
            LogStarted(_logger, name, container.ShortId, image);
            return id;
        }
        catch (Exception e)
        {
            // A container that did not start must not linger: nothing would ever wait for it or remove it.
            await RemoveUnstartedAsync(container).ConfigureAwait(false);
            if (e is RuntimeException or OperationCanceledException)
            {
                throw;
            }

            throw new RuntimeException($"could not start container {name} ({container.ShortId}): {e.Message}", e);
        }
        finally
        {
            container.Lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ContainerExit?> WaitAsync(string runtimeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeId);
        var code = await Engine(() => _docker.WaitContainerAsync(runtimeId, cancellationToken), $"wait for container {DockerContainer.Shorten(runtimeId)}")
            .ConfigureAwait(false);
        if (code is null)
        {
            return null;
        }

        var exitCode = (int)Math.Clamp(code.Value, int.MinValue, int.MaxValue);
        var inspected = await Engine(() => _docker.InspectContainerAsync(runtimeId, cancellationToken), $"inspect container {DockerContainer.Shorten(runtimeId)}")
            .ConfigureAwait(false);
        var outOfMemory = inspected?.State?.OOMKilled == true;

        var stopRequested = false;
        if (_containers.TryGetValue(runtimeId, out var container))
        {
            await container.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                stopRequested = container.StopRequested;
                if (container.State != DockerContainerState.Removed)
                {
                    container.State = DockerContainerState.Exited;
                }
            }
            finally
            {
                container.Lock.Release();
            }
        }

        var reason = ExitReason(exitCode, outOfMemory, stopRequested);
        string? tail = null;
        if (exitCode != 0 && _options.LogTailLines > 0)
        {
            tail = await LogTailAsync(runtimeId, cancellationToken).ConfigureAwait(false);
        }

        LogExited(_logger, DockerContainer.Shorten(runtimeId), exitCode, reason);
        return new ContainerExit(exitCode, reason, tail);
    }

    /// <inheritdoc />
    public async Task StopAsync(string runtimeId, TimeSpan grace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeId);
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        var container = _containers.GetOrAdd(runtimeId, i => new DockerContainer(i, DockerContainerState.Unknown));
        await container.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (container.State is DockerContainerState.Exited or DockerContainerState.Removed)
            {
                return;
            }

            container.StopRequested = true;
            container.State = DockerContainerState.Stopping;
            LogStopping(_logger, container.ShortId, grace);
            var found = await Engine(() => _docker.StopContainerAsync(runtimeId, grace, cancellationToken), $"stop container {container.ShortId}")
                .ConfigureAwait(false);
            container.State = found ? DockerContainerState.Exited : DockerContainerState.Removed;
            if (!found)
            {
                _containers.TryRemove(new(runtimeId, container));
            }
        }
        finally
        {
            container.Lock.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>A container that still runs is killed first (a forced remove).</remarks>
    public async Task RemoveAsync(string runtimeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeId);
        var container = _containers.GetOrAdd(runtimeId, i => new DockerContainer(i, DockerContainerState.Unknown));
        await container.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (container.State != DockerContainerState.Removed)
            {
                var removed = await Engine(() => _docker.RemoveContainerAsync(runtimeId, cancellationToken), $"remove container {container.ShortId}")
                    .ConfigureAwait(false);
                if (removed)
                {
                    LogRemoved(_logger, container.ShortId);
                }
            }

            container.State = DockerContainerState.Removed;
            _containers.TryRemove(new(runtimeId, container));
        }
        finally
        {
            container.Lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimeContainer>> ListOwnedAsync(string cluster, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(cluster);
        var labels = new Dictionary<string, string> { [ContainerLabels.Cluster] = cluster };
        var listed = await Engine(() => _docker.ListContainersAsync(labels, cancellationToken), $"list the containers of cluster {cluster}")
            .ConfigureAwait(false);
        var owned = new List<RuntimeContainer>(listed.Count);
        foreach (var entry in listed)
        {
            // The engine filtered on the label; check it again, and that the ids are ids, before trusting them.
            if (entry.Labels is null
                || !entry.Labels.TryGetValue(ContainerLabels.Cluster, out var labelled) || labelled != cluster
                || !TryLabel(entry.Labels, ContainerLabels.Node, out var node)
                || !TryLabel(entry.Labels, ContainerLabels.Framework, out var framework)
                || !TryLabel(entry.Labels, ContainerLabels.Container, out var containerId))
            {
                LogForeignLabels(_logger, DockerContainer.Shorten(entry.ID));
                continue;
            }

            var running = entry.State is "running" or "paused" or "restarting";
            int? exitCode = null;
            if (entry.State is "exited" or "dead")
            {
                var inspected = await Engine(() => _docker.InspectContainerAsync(entry.ID, cancellationToken), $"inspect container {DockerContainer.Shorten(entry.ID)}")
                    .ConfigureAwait(false);
                if (inspected is null)
                {
                    continue; // Removed since the listing.
                }

                exitCode = (int)inspected.State.ExitCode;
            }

            owned.Add(new RuntimeContainer(entry.ID, new NodeId(node), new FrameworkId(framework), new ContainerId(containerId), running, exitCode));
        }

        return owned;
    }

    /// <summary>Closes the connection to the engine; the containers keep running.</summary>
    public void Dispose() => (_docker as IDisposable)?.Dispose();

    /// <summary>Why a container ended, in words, when it was not a plain exit.</summary>
    internal static string? ExitReason(int exitCode, bool outOfMemory, bool stopRequested) => (exitCode, outOfMemory, stopRequested) switch
    {
        (_, true, _) => "out of memory",
        (137, false, true) => "killed after the stop grace period",
        (> 128, false, true) => "stopped",
        (> 128 and < 128 + 65, false, false) => $"killed by signal {exitCode - 128}",
        _ => null,
    };

    private static DockerRuntimeOptions Validated(IOptions<DockerRuntimeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var result = new DockerRuntimeOptionsValidator().Validate(Options.DefaultName, value);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(DockerRuntimeOptions), result.Failures) : value;
    }

    private static bool TryLabel(IDictionary<string, string> labels, string key, out string value) =>
        labels.TryGetValue(key, out value!) && IdRules.IsValid(value);

    private async Task<string?> LogTailAsync(string runtimeId, CancellationToken cancellationToken)
    {
        try
        {
            return await _docker.GetLogTailAsync(runtimeId, _options.LogTailLines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            // The exit matters more than its log: a log driver that keeps nothing must not lose the exit code.
            LogNoLogTail(_logger, DockerContainer.Shorten(runtimeId), e.Message);
            return null;
        }
    }

    private async Task RemoveUnstartedAsync(DockerContainer container)
    {
        // Bounded, and not the caller's token: a cancelled start must still clean up what it created.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _docker.RemoveContainerAsync(container.Id, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsEngineFailure(e) || e is OperationCanceledException)
        {
            LogRemoveFailed(_logger, container.ShortId, e.Message);
        }

        container.State = DockerContainerState.Removed;
        _containers.TryRemove(new(container.Id, container));
    }
}
