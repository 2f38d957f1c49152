using OrleansMesos.Agent.Runtimes;

namespace OrleansMesos.Agent;

// Reconciliation: what the runtime has against what the cluster's books expect.
public sealed partial class NodeAgent
{
    /// <summary>
    /// Compares the runtime's containers of this cluster on this node with the node grain's live records:
    /// running and expected → adopted (watched as if launched now); exited and expected → reported with their
    /// exit; running or exited but not expected → stopped and removed; expected but absent → Lost.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var snapshot = await Node.GetSnapshot();
        var expected = snapshot.Containers.Where(c => !c.State.IsTerminal()).ToDictionary(c => (c.Framework, c.Spec.Id));
        var owned = (await runtime.ListOwnedAsync(options.Cluster, cancellationToken)).Where(c => c.Node == options.Node).ToList();
        var found = new HashSet<(FrameworkId, ContainerId)>();
        foreach (var container in owned)
        {
            var key = (container.Framework, container.Container);
            found.Add(key);
            if (!expected.TryGetValue(key, out var record))
            {
                LogKillingUnknown(container.Container, container.RuntimeId[..Math.Min(12, container.RuntimeId.Length)]);
                await runtime.StopAsync(container.RuntimeId, TimeSpan.Zero, cancellationToken);
                await runtime.RemoveAsync(container.RuntimeId, cancellationToken);
            }
            else if (container.Running)
            {
                Adopt(key, container.RuntimeId, record);
            }
            else
            {
                var state = container.ExitCode == 0 ? ContainerState.Finished : ContainerState.Failed;
                await Report(container.Framework, container.Container, state, container.ExitCode, "exited while the agent was away");
                await runtime.RemoveAsync(container.RuntimeId, cancellationToken);
            }
        }

        foreach (var (key, record) in expected)
        {
            if (!found.Contains(key))
            {
                await Report(record.Framework, record.Spec.Id, ContainerState.Lost, null, "not found on the node when its agent started");
            }
        }

        LogReconciled(options.Node, owned.Count, expected.Count);
    }

    private void Adopt((FrameworkId Framework, ContainerId Container) key, string runtimeId, ContainerRecord record)
    {
        var tracked = new Tracked { RuntimeId = runtimeId, Limits = record.Spec.Resources };
        lock (_gate)
        {
            _containers[key] = tracked;
        }

        if (record.State < ContainerState.Running)
        {
            Report(key.Framework, key.Container, ContainerState.Running).Ignore();
        }

        WatchAsync(key, tracked).Ignore();
    }
}
