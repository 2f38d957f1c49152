using System.Globalization;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the runtime needs.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="State">The state letter: R, S, D, Z (zombie), X (dead), …</param>
/// <param name="ParentPid">The parent's pid.</param>
/// <param name="ProcessGroup">The process group id.</param>
/// <param name="Session">The session id.</param>
/// <param name="StartTime">When the process started, in clock ticks after boot: with the pid, it names one process (pids are reused).</param>
internal readonly record struct ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, int Session, ulong StartTime)
{
    /// <summary>True when the process has exited (a zombie waiting for its parent, or dead).</summary>
    public bool HasExited => State is 'Z' or 'X' or 'x';

    /// <summary>Parses one stat line; null when it is not one.</summary>
    /// <remarks>The command name sits in parentheses and may itself hold spaces and parentheses, so the
    /// fields are counted from the last ')'.</remarks>
    public static ProcStat? Parse(string line)
    {
        var open = line.IndexOf('(');
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(line.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        // After ')': state(3) ppid(4) pgrp(5) session(6) … starttime(22), 1-based as proc(5) numbers them.
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int first = 3;
        if (fields.Length < 22 - first + 1 || fields[0].Length != 1
            || !int.TryParse(fields[4 - first], CultureInfo.InvariantCulture, out var ppid)
            || !int.TryParse(fields[5 - first], CultureInfo.InvariantCulture, out var pgrp)
            || !int.TryParse(fields[6 - first], CultureInfo.InvariantCulture, out var session)
            || !ulong.TryParse(fields[22 - first], CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new ProcStat(pid, fields[0][0], ppid, pgrp, session, start);
    }
}

/// <summary>Reads processes from <c>/proc</c>. A process that is gone reads as null, never as an exception.</summary>
internal static class ProcFs
{
    /// <summary>The stat of <paramref name="pid"/>, or null when there is no such process.</summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            return ProcStat.Parse(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="pid"/> is alive and is the process that started at <paramref name="startTime"/>
    /// (not a later process that reused the pid).
    /// </summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        pid > 0 && Read(pid) is { HasExited: false } stat && stat.StartTime == startTime;

    /// <summary>The living processes whose session is <paramref name="session"/>.</summary>
    public static List<int> SessionMembers(int session)
    {
        var members = new List<int>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return members;
        }

        foreach (var dir in entries)
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { HasExited: false } stat && stat.Session == session)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>The cgroup paths of <paramref name="pid"/>, one line per hierarchy (<c>id:controllers:path</c>); empty when gone.</summary>
    public static string[] CgroupLines(int pid)
    {
        try
        {
            return File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
