using Microsoft.Extensions.Logging;

namespace OrleansMesos.Agent;

// Leaving for good (scale in): drain with a deadline, wait for the containers to end (the node grain kills what
// still runs at the deadline), then tell the node grain the node left. Stopping without leaving (an upgrade in
// place) leaves containers running for the next agent to adopt.
public sealed partial class NodeAgent
{
    private static readonly TimeSpan LeavePoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Drains the node with <paramref name="deadline"/>, waits until no container of it is live (its containers
    /// finished, or were killed and reported after the deadline), stops whatever is still here after the deadline
    /// and <paramref name="killGrace"/> have both passed, and has the node leave the cluster. Bounded: it waits at
    /// most the deadline, the kill grace and a few seconds for the reports.
    /// </summary>
    public async Task LeaveAsync(TimeSpan deadline, TimeSpan killGrace, CancellationToken cancellationToken)
    {
        LogLeaving(options.Node, deadline);
        await Node.Drain(deadline);
        var started = DateTimeOffset.UtcNow;
        var killedHere = false;
        while (true)
        {
            var snapshot = await Node.GetSnapshot();
            var live = snapshot.Containers.Count(c => !c.State.IsTerminal());
            if (live == 0 && Running().Count == 0)
            {
                break;
            }

            var waited = DateTimeOffset.UtcNow - started;
            if (waited >= deadline + killGrace && !killedHere)
            {
                // The node grain asked for these kills at the deadline; a container that ignored them stops now.
                killedHere = true;
                await StopAllAsync();
            }
            else if (waited >= deadline + killGrace + TimeSpan.FromSeconds(5))
            {
                LogLeaveWithLive(options.Node, live);
                break;
            }

            await Task.Delay(LeavePoll, cancellationToken);
        }

        await Node.Leave();
        LogLeft(options.Node);
    }

    private async Task StopAllAsync()
    {
        List<(FrameworkId Framework, ContainerId Container)> keys;
        lock (_gate)
        {
            keys = [.. _containers.Keys];
        }

        await Task.WhenAll(keys.Select(k => KillAsync(k.Framework, k.Container, TimeSpan.Zero)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is leaving the cluster: draining, live containers have {Deadline} to end")]
    private partial void LogLeaving(NodeId node, TimeSpan deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} leaves with {Live} container(s) still recorded live: they are reported Lost")]
    private partial void LogLeaveWithLive(NodeId node, int live);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} left the cluster")]
    private partial void LogLeft(NodeId node);
}
