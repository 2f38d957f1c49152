using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMesos.Grains.Options;
using OrleansMesos.Agent;
using OrleansMesos.Agent.Detection;
using OrleansMesos.Agent.Runtimes;
using OrleansMesos.Agent.Runtimes.Docker;
using OrleansMesos.Agent.Runtimes.Processes;
using OrleansMesos.Errors;

namespace OrleansMesos.Silo;

/// <summary>
/// Runs this host's node agent once the silo is up: detects the host's resources, picks the runtime (Docker
/// when an engine answers and <c>auto</c> or <c>docker</c> is asked; processes otherwise), registers the node
/// and reconciles. Stopping the silo leaves containers running, and the next agent adopts them; with
/// <see cref="SiloSettings.LeaveOnStop"/> it leaves the cluster instead (drain, deadline, kill, report).
/// </summary>
internal sealed partial class AgentService(
    IServiceProvider services,
    SiloSettings settings,
    IGrainFactory grains,
    IHostResourceDetector detector,
    IOptions<OrleansMesosOptions> grainOptions,
    ILogger<AgentService> logger) : IHostedService
{
    private NodeAgent? _agent;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var host = await detector.DetectAsync(cancellationToken);
        var runtime = await ChooseRuntimeAsync(cancellationToken);
        _agent = new NodeAgent(grains, runtime, new NodeAgentOptions
        {
            Cluster = settings.ClusterId,
            Node = settings.ResolvedNodeId(),
            Capacity = host.Total,
            Attributes = settings.ParsedAttributes(),
            GpuUuids = [.. host.Gpus.Select(g => g.Uuid)],
            HeartbeatInterval = grainOptions.Value.HeartbeatInterval,
        }, services.GetRequiredService<ILogger<NodeAgent>>());
        await _agent.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_agent is null)
        {
            return;
        }

        if (settings.LeaveOnStop)
        {
            try
            {
                await _agent.LeaveAsync(settings.DrainDeadline, grainOptions.Value.KillGracePeriod, cancellationToken);
            }
            catch (Exception ex)
            {
                LogLeaveFailed(ex, settings.ResolvedNodeId());
            }
        }

        await _agent.DisposeAsync();
    }

    private async Task<IContainerRuntime> ChooseRuntimeAsync(CancellationToken cancellationToken)
    {
        if (settings.Runtime != "process")
        {
            var docker = services.GetRequiredService<DockerRuntime>();
            if (await docker.IsAvailableAsync(cancellationToken))
            {
                return docker;
            }

            if (settings.Runtime == "docker")
            {
                throw new InvalidFieldException(nameof(SiloSettings.Runtime), "docker needs a Docker engine that answers (DOCKER_HOST or the default socket)");
            }

            LogNoDocker();
        }

        return services.GetRequiredService<ProcessRuntime>();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node} could not leave the cluster cleanly; what it ran is reported Lost once it is unreachable")]
    private partial void LogLeaveFailed(Exception exception, NodeId node);

    [LoggerMessage(Level = LogLevel.Information, Message = "No Docker engine answers: containers run as native processes")]
    private partial void LogNoDocker();
}
