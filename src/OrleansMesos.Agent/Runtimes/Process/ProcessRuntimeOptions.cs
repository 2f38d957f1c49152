namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>Settings of the native process runtime.</summary>
public sealed class ProcessRuntimeOptions
{
    /// <summary>The default runtime root: one folder per container, with its record and its sandbox.</summary>
    public const string DefaultRootDirectory = "/var/lib/orleansmesos/process";

    /// <summary>The default cgroup parent, relative to each hierarchy's mount point.</summary>
    public const string DefaultCgroupParent = "orleansmesos";

    /// <summary>The default <c>PATH</c> of a container whose spec sets none (the one Mesos gives its executors).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The default number of output lines a failed container's exit carries.</summary>
    public const int DefaultLogTailLines = 20;

    /// <summary>
    /// Where containers live: <c>&lt;root&gt;/containers/&lt;runtime id&gt;/</c> holds the record
    /// (<c>container.json</c>) and the sandbox (<c>sandbox/</c>, with <c>stdout</c> and <c>stderr</c>). Keep it
    /// across agent restarts: it is what reconciliation reads.
    /// </summary>
    public string RootDirectory { get; set; } = DefaultRootDirectory;

    /// <summary>Whether to put containers in cgroups and limit their CPU and memory (where the host allows).</summary>
    public bool EnableCgroups { get; set; } = true;

    /// <summary>
    /// The cgroup under which each container gets <c>&lt;parent&gt;/&lt;cluster&gt;/&lt;runtime id&gt;</c>, relative to the
    /// mount point of every hierarchy used (cgroup v1: cpu and memory; v2: the unified one).
    /// </summary>
    public string CgroupParent { get; set; } = DefaultCgroupParent;

    /// <summary>The mount table cgroup hierarchies are found in.</summary>
    public string MountInfoPath { get; set; } = "/proc/self/mountinfo";

    /// <summary>The POSIX shell that runs the launch wrapper (cgroup placement, output redirection, exec).</summary>
    public string ShellPath { get; set; } = "/bin/sh";

    /// <summary>util-linux or busybox <c>setsid</c>: starts each container in a session (and process group) of its own.</summary>
    public string SetsidPath { get; set; } = "/usr/bin/setsid";

    /// <summary>The <c>PATH</c> of the base environment, also used to find a command given without a slash.</summary>
    public string DefaultSearchPath { get; set; } = DefaultPath;

    /// <summary>How many lines of stderr and of stdout a failed container's exit carries.</summary>
    public int LogTailLines { get; set; } = DefaultLogTailLines;

    /// <summary>How often the exit of a process this agent did not start (one adopted after a restart) is checked.</summary>
    public TimeSpan AdoptedExitPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a start waits for the new process to enter its session and cgroups before it goes on without checking.</summary>
    public TimeSpan PlacementTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stop waits, after SIGKILL, for the processes to be gone.</summary>
    public TimeSpan KillTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
