using System.Diagnostics;
using System.Globalization;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>
/// How a container's process is started. The chain keeps one pid from the agent's fork to the program:
/// <c>setsid</c> makes a new session (and process group) and execs the shell; the shell (the launch wrapper) points
/// stdout and stderr at the sandbox files, writes its own pid into the container's <c>cgroup.procs</c> files and
/// execs the program. So the program is in its own process group and its cgroups before it runs a single
/// instruction (nothing it allocates escapes the memory limit, no child it forks escapes a group kill), and no
/// P/Invoke is needed between fork and exec, where .NET offers no hook.
/// </summary>
internal static class LaunchCommand
{
    /// <summary>The launch wrapper's name, as <c>$0</c> (what <c>ps</c> shows until the program is exec'd).</summary>
    public const string WrapperName = "orleansmesos-launch";

    /// <summary>
    /// The launch wrapper: <c>$1</c> stdout file, <c>$2</c> stderr file, <c>$3</c> how many cgroup.procs files follow,
    /// then those files, then the program and its arguments. A cgroup it cannot join is told on stderr and skipped:
    /// limits are best-effort and never stop a launch.
    /// </summary>
    public const string WrapperScript =
        """
        exec >>"$1" 2>>"$2" </dev/null
        n=$3
        shift 3
        while [ "$n" -gt 0 ]; do
          { echo $$ >"$1"; } 2>/dev/null || echo "orleansmesos: could not join the cgroup of $1; running without its limit" >&2
          shift
          n=$((n - 1))
        done
        exec "$@"
        """;

    /// <summary>
    /// The environment of a container: a minimal base (nothing of the agent's own environment leaks in) with the
    /// spec's variables on top, which win. The base: <c>PATH</c> (<paramref name="searchPath"/>), <c>HOME</c> and
    /// <c>ORLEANSMESOS_SANDBOX</c> (the sandbox), the ids as <c>ORLEANSMESOS_CLUSTER</c>, <c>ORLEANSMESOS_NODE</c>,
    /// <c>ORLEANSMESOS_FRAMEWORK_ID</c>, <c>ORLEANSMESOS_CONTAINER_ID</c>, and the GPUs given as
    /// <c>CUDA_VISIBLE_DEVICES</c> and <c>NVIDIA_VISIBLE_DEVICES</c> (UUIDs; empty when none, which hides every GPU
    /// from CUDA — advisory: a native process is not kept from opening a device).
    /// </summary>
    public static Dictionary<string, string> Environment(LaunchSpec spec, string searchPath, string sandbox)
    {
        var gpus = string.Join(',', spec.GpuUuids);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = searchPath,
            ["HOME"] = sandbox,
            ["ORLEANSMESOS_SANDBOX"] = sandbox,
            ["ORLEANSMESOS_CLUSTER"] = spec.Cluster,
            ["ORLEANSMESOS_NODE"] = spec.Node.Value,
            ["ORLEANSMESOS_FRAMEWORK_ID"] = spec.Framework.Value,
            ["ORLEANSMESOS_CONTAINER_ID"] = spec.Container.Value,
            ["CUDA_VISIBLE_DEVICES"] = gpus,
            ["NVIDIA_VISIBLE_DEVICES"] = gpus.Length == 0 ? "void" : gpus,
        };
        foreach (var (name, value) in spec.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// The program's full path, found as execvp(3) would: a command with a '/' is a path (relative to
    /// <paramref name="workingDirectory"/>), one without is looked up in <paramref name="searchPath"/>.
    /// </summary>
    /// <exception cref="RuntimeException">It is not there, is a directory, or is not executable.</exception>
    public static string ResolveProgram(string command, string searchPath, string workingDirectory)
    {
        if (command.Contains('/'))
        {
            var path = Path.GetFullPath(command, workingDirectory);
            return Check(path) is { } problem
                ? throw new RuntimeException($"cannot start '{command}': {path} {problem}")
                : path;
        }

        string? firstProblem = null;
        foreach (var dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathFullyQualified))
        {
            var path = Path.Combine(dir, command);
            if (Check(path) is not { } problem)
            {
                return path;
            }

            if (File.Exists(path) || Directory.Exists(path))
            {
                firstProblem ??= $"{path} {problem}";
            }
        }

        throw new RuntimeException(firstProblem is null
            ? $"cannot start '{command}': no such program in PATH={searchPath}"
            : $"cannot start '{command}': {firstProblem}");
    }

    /// <summary>The start of the chain: <c>setsid shell -c wrapper …</c>, in <paramref name="workingDirectory"/>, with exactly <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(
        ProcessRuntimeOptions options,
        string program,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        string stdout,
        string stderr,
        IReadOnlyList<string> cgroupDirectories)
    {
        var start = new ProcessStartInfo(options.SetsidPath) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        string[] head = [options.ShellPath, "-c", WrapperScript, WrapperName, stdout, stderr, cgroupDirectories.Count.ToString(CultureInfo.InvariantCulture)];
        foreach (var arg in head.Concat(cgroupDirectories.Select(d => Path.Combine(d, "cgroup.procs"))).Append(program).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static string? Check(string path)
    {
        if (Directory.Exists(path))
        {
            return "is a directory";
        }

        if (!File.Exists(path))
        {
            return "does not exist";
        }

        // Any execute bit, as root needs; for another user a missing permission shows as exit 126 and its log tail.
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & anyExecute) == 0 ? "is not executable" : null;
    }
}
