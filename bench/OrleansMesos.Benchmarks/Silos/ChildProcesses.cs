using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// Every process the <c>silos</c> command starts (redis-server, omsilo), so that none outlives it: each phase kills
/// its own in a <c>finally</c>; this kills what is left when the command exits, is interrupted or terminated.
/// </summary>
internal static class ChildProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Running = [];
    private static readonly Dictionary<Process, TimeSpan> LastCpu = [];
    private static PosixSignalRegistration[]? _signals;

    /// <summary>Kills every tracked process on exit, SIGINT and SIGTERM (idempotent).</summary>
    public static void KillAllOnExit()
    {
        lock (Gate)
        {
            if (_signals is not null)
            {
                return;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillAll()), PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll())];
        }
    }

    public static void Track(Process process)
    {
        lock (Gate)
        {
            Running.Add(process);
        }
    }

    public static void Forget(Process process)
    {
        lock (Gate)
        {
            Running.Remove(process);
            LastCpu.Remove(process);
        }
    }

    /// <summary>
    /// A process's CPU time with that of its children it has reaped (a silo's containers): read from
    /// /proc/&lt;pid&gt;/stat while it runs, the last figure read once it has exited.
    /// </summary>
    public static TimeSpan Cpu(Process process)
    {
        lock (Gate)
        {
            try
            {
                // After the command's closing parenthesis: state ppid … utime(14) stime(15) cutime(16) cstime(17), in USER_HZ (100) ticks.
                var stat = File.ReadAllText($"/proc/{process.Id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = fields.Skip(11).Take(4).Sum(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture));
                var cpu = TimeSpan.FromSeconds(ticks / 100.0);
                LastCpu[process] = cpu;
                return cpu;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
            {
                return LastCpu.GetValueOrDefault(process);
            }
        }
    }

    /// <summary>Kills every tracked process that still runs, with its children.</summary>
    public static void KillAll()
    {
        Process[] all;
        lock (Gate)
        {
            all = [.. Running];
        }

        foreach (var process in all)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
    }
}
