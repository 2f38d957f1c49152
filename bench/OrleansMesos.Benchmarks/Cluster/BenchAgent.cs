using Orleans;
using OrleansMesos.Grains;
using OrleansMesos.Wire;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>
/// A node's agent that runs nothing: each launched container is reported Running and then Finished at once.
/// Orleans delivers an observer's calls one at a time, so the reports go out from a task of their own and
/// the next launch is not held up behind them.
/// </summary>
internal sealed class BenchAgent(IGrainFactory grains, ClusterMeter meter) : INodeAgent
{
    public Task Launch(LaunchCommand command)
    {
        Interlocked.Increment(ref meter.ObserverCalls);
        _ = RunAndFinish(command);
        return Task.CompletedTask;
    }

    public Task Kill(NodeId node, FrameworkId framework, ContainerId container, TimeSpan grace)
    {
        Interlocked.Increment(ref meter.ObserverCalls);
        _ = Report(node, new AgentReport(framework, container, ContainerState.Killed, null, "killed"));
        return Task.CompletedTask;
    }

    private async Task RunAndFinish(LaunchCommand command)
    {
        if (await Report(command.Node, new AgentReport(command.Framework, command.Spec.Id, ContainerState.Running, null, null)))
        {
            await Report(command.Node, new AgentReport(command.Framework, command.Spec.Id, ContainerState.Finished, 0, null));
        }
    }

    private async Task<bool> Report(NodeId node, AgentReport report)
    {
        try
        {
            await grains.GetGrain<INodeGrain>(node.Value).Report(report);
            Interlocked.Increment(ref meter.AgentReports);
            return true;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref meter.AgentErrors);
            meter.Error(ex);
            return false;
        }
    }
}
