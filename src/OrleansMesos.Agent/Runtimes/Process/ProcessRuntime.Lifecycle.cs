using OrleansMesos.Agent.Runtimes.Processes.Cgroups;
using SystemProcess = System.Diagnostics.Process;

namespace OrleansMesos.Agent.Runtimes.Processes;

public sealed partial class ProcessRuntime
{
    private async Task WatchChildAsync(ProcessContainer container, SystemProcess process)
    {
        int exitCode;
        try
        {
            await process.WaitForExitAsync(_disposed.Token).ConfigureAwait(false);
            exitCode = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            process.Dispose();
        }

        await FinishAsync(container, exitCode, unknownBecause: null).ConfigureAwait(false);
    }

    private async Task WatchAdoptedAsync(ProcessContainer container)
    {
        var record = container.Record;
        try
        {
            while (ProcFs.IsAlive(record.Pid, record.StartTime))
            {
                await Task.Delay(_options.AdoptedExitPollInterval, _time, _disposed.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await FinishAsync(container, null, "it was started by an earlier agent, so only its parent (init) could read it").ConfigureAwait(false);
    }

    // The main process is gone: kill what it left, read the OOM count, record the end, wake the waiters.
    private async Task FinishAsync(ProcessContainer container, int? exitCode, string? unknownBecause)
    {
        var record = container.Record;
        try
        {
            await KillLeftoversAsync(record).ConfigureAwait(false);
        }
        catch (RuntimeException e)
        {
            LogLeftoversNotKilled(e, record.RuntimeId);
        }

        var facts = new ExitFacts(exitCode, unknownBecause, record.Stop, record.StopGrace, CgroupManager.OomKills(record.Cgroups), record.Cgroups.MemoryLimitBytes);
        var (code, reason) = ExitDescription.Describe(facts);
        record = Save(container, r => r with { ExitCode = code, ExitReason = reason, ExitedAt = _time.GetUtcNow() });
        LogExited(record.RuntimeId, code, reason ?? "exited normally");
        container.Complete(Exit(record, code, reason));
    }

    // Changes and saves a record; a record that cannot be saved (disk full, removed meanwhile) is kept in memory and logged.
    private ContainerRecord Save(ProcessContainer container, Func<ContainerRecord, ContainerRecord> change)
    {
        try
        {
            return container.Update(change, _store);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRecordNotSaved(e, container.Record.RuntimeId);
            return container.Record;
        }
    }

    private ContainerExit Exit(ContainerRecord record, int code, string? reason) =>
        new(code, reason, code == 0 ? null : LogTail.Read(StdoutOf(record), StderrOf(record), _options.LogTailLines));

    // The container of runtimeId: the one this instance tracks, else one adopted from its record (once, however many ask).
    private async Task<ProcessContainer?> FindAsync(string runtimeId)
    {
        if (!IdRules.IsValid(runtimeId))
        {
            return null;
        }

        var lazy = _containers.GetOrAdd(runtimeId, id => new Lazy<Task<ProcessContainer?>>(() => AdoptAsync(id)));
        var container = await lazy.Value.ConfigureAwait(false);
        if (container is null)
        {
            _containers.TryRemove(new KeyValuePair<string, Lazy<Task<ProcessContainer?>>>(runtimeId, lazy));
        }

        return container;
    }

    private async Task<ProcessContainer?> AdoptAsync(string runtimeId)
    {
        if (_store.Read(runtimeId) is not { } record)
        {
            return null;
        }

        var container = new ProcessContainer(record, isChild: false);
        if (record.ExitCode is { } code)
        {
            container.Complete(Exit(record, code, record.ExitReason));
        }
        else if (ProcFs.IsAlive(record.Pid, record.StartTime))
        {
            LogAdopted(runtimeId, record.Pid);
            _ = WatchAdoptedAsync(container);
        }
        else
        {
            await FinishAsync(container, null, record.Pid == 0
                ? "the agent stopped before it learned the process id"
                : "it ended while no agent was watching").ConfigureAwait(false);
        }

        return container;
    }
}
