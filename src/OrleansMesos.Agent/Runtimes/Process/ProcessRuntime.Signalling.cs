using OrleansMesos.Agent.Runtimes.Processes.Cgroups;

namespace OrleansMesos.Agent.Runtimes.Processes;

public sealed partial class ProcessRuntime
{
    private async Task KillLeftoversAsync(ContainerRecord record)
    {
        var deadline = _time.GetTimestamp() + ToTicks(_options.KillTimeout);
        while (SignalLeftovers(record, Signals.Kill) > 0 && _time.GetTimestamp() < deadline)
        {
            await Task.Delay(s_killPoll, _time).ConfigureAwait(false);
        }
    }

    // Signals the container's process group at once, then each process that left the group but not the session
    // or the cgroups.
    private static void SignalContainer(ContainerRecord record, int signal)
    {
        if (ProcFs.Read(record.Pid) is not { HasExited: false } leader || leader.StartTime != record.StartTime)
        {
            // The main process is gone: its end is being handled, and the leftovers with it.
            return;
        }

        // Until setsid has run (a stop right after a start whose placement check timed out) there is no group yet.
        _ = leader.ProcessGroup == record.Pid ? Signals.ToGroup(record.Pid, signal) : Signals.ToProcess(record.Pid, signal);
        SignalLeftovers(record, signal);
    }

    // Signals the processes of the container's session and cgroups (for SIGTERM: those outside its process group,
    // which had it already). Returns how many there were.
    private static int SignalLeftovers(ContainerRecord record, int signal)
    {
        var targets = new HashSet<int>(CgroupManager.Members(record.Cgroups));

        // The session id is the main process's pid. Once every process of the session is gone the kernel may give
        // that number to a new process; if one holds it now, it is not ours, and neither is its session.
        var leader = record.Pid > 0 ? ProcFs.Read(record.Pid) : null;
        if (record.Pid > 0 && (leader is null || leader.Value.StartTime == record.StartTime))
        {
            targets.UnionWith(ProcFs.SessionMembers(record.Pid));
        }

        var signalled = 0;
        foreach (var pid in targets)
        {
            if (ProcFs.Read(pid) is { HasExited: false } stat
                && (signal == Signals.Kill || stat.ProcessGroup != record.Pid)
                && Signals.ToProcess(pid, signal))
            {
                signalled++;
            }
        }

        return signalled;
    }

    private void MarkStop(ProcessContainer container, StopKind stop, TimeSpan grace) =>
        Save(container, r => r.Stop >= stop ? r : r with { Stop = stop, StopGrace = grace });

    private async Task<bool> ExitedWithinAsync(ProcessContainer container, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await container.Exit.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
