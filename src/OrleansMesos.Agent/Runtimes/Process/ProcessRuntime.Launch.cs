using OrleansMesos.Agent.Runtimes.Processes.Cgroups;
using SystemProcess = System.Diagnostics.Process;

namespace OrleansMesos.Agent.Runtimes.Processes;

public sealed partial class ProcessRuntime
{
    private string PrepareWorkingDirectory(LaunchSpec spec, string sandbox)
    {
        if (spec.WorkingDirectory is null)
        {
            return sandbox;
        }

        if (!Path.IsPathRooted(spec.WorkingDirectory))
        {
            // Relative: a folder of the sandbox, made for it.
            var inside = Path.GetFullPath(spec.WorkingDirectory, sandbox);
            if (!inside.StartsWith(sandbox + "/", StringComparison.Ordinal) && inside != sandbox)
            {
                throw new RuntimeException($"container {spec.Container}: the working directory '{spec.WorkingDirectory}' leaves the sandbox");
            }

            Directory.CreateDirectory(inside);
            return inside;
        }

        return Directory.Exists(spec.WorkingDirectory)
            ? spec.WorkingDirectory
            : throw new RuntimeException($"container {spec.Container}: the working directory {spec.WorkingDirectory} does not exist");
    }

    private SystemProcess Launch(LaunchSpec spec, string program, Dictionary<string, string> environment, string workingDirectory, string sandbox, ContainerCgroups cgroups)
    {
        var start = LaunchCommand.StartInfo(
            _options, program, spec.Args, environment, workingDirectory, Path.Combine(sandbox, "stdout"), Path.Combine(sandbox, "stderr"), cgroups.Directories);
        return SystemProcess.Start(start) ?? throw new RuntimeException($"container {spec.Container}: {_options.SetsidPath} did not start");
    }

    // Waits (briefly: a few milliseconds normally) until the new process leads its own session and sits in its
    // cgroups, so that a stop right after the start reaches its group, and the record can tell whether limits hold.
    private async Task<(ProcStat? Stat, bool Placed)> AwaitPlacementAsync(int pid, ContainerCgroups cgroups)
    {
        var deadline = _time.GetTimestamp() + ToTicks(_options.PlacementTimeout);
        ProcStat? last = null;
        while (true)
        {
            var stat = ProcFs.Read(pid);
            if (stat is null || stat.Value.HasExited)
            {
                // Ended already (a zombie still tells its start time): nothing left to place.
                return (stat ?? last, true);
            }

            last = stat;
            if (stat.Value.Session == pid && (cgroups.Directories.Count == 0 || CgroupManager.Contains(cgroups, pid)))
            {
                return (stat, true);
            }

            if (_time.GetTimestamp() >= deadline)
            {
                return (stat, false);
            }

            await Task.Delay(s_placementPoll, _time).ConfigureAwait(false);
        }
    }
}
