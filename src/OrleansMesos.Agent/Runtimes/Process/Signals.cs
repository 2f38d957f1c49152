using System.Runtime.InteropServices;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>
/// Sends signals with libc's <c>kill(2)</c>. .NET can kill one process or a tree it walks by parent links, but a
/// tree loses those links when a middle process exits (its children move to init); a process group keeps them all,
/// and only <c>kill(-pgid, sig)</c> reaches a group in one atomic step.
/// </summary>
internal static partial class Signals
{
    /// <summary>SIGKILL on Linux.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM on Linux.</summary>
    public const int Term = 15;

    private const int Eperm = 1;
    private const int Esrch = 3;

    // Linux's numbering (x86, ARM), the same on every architecture .NET runs on there, for the signals a reason names.
    private static readonly string[] s_names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
        "SIGSYS",
    ];

    /// <summary>The signal's name (<c>SIGKILL</c>), or <c>signal N</c> for a real-time or unknown one.</summary>
    public static string Name(int signal) =>
        signal > 0 && signal < s_names.Length ? s_names[signal] : $"signal {signal}";

    /// <summary>Sends <paramref name="signal"/> to one process. False when there is no such process, or none this agent may signal.</summary>
    public static bool ToProcess(int pid, int signal) => pid > 0 && Send(pid, signal);

    /// <summary>Sends <paramref name="signal"/> to every process of a group. False when the group is empty.</summary>
    public static bool ToGroup(int pgid, int signal) => pgid > 1 && Send(-pgid, signal);

    private static bool Send(int target, int signal)
    {
        if (SysKill(target, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is Esrch or Eperm
            ? false
            : throw new RuntimeException($"kill({target}, {Name(signal)}) failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
