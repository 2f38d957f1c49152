using System.Globalization;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>What the agent did to stop a container, which decides how its end is worded.</summary>
internal enum StopKind
{
    /// <summary>The agent did not stop it: it ended on its own.</summary>
    None,

    /// <summary>The agent sent SIGTERM to its process group.</summary>
    Terminated,

    /// <summary>The agent sent SIGKILL, after the grace period (or with none).</summary>
    Killed,
}

/// <summary>How a container ended, as seen when its main process was gone: the facts a reason is worded from.</summary>
/// <param name="ExitCode">The exit code as .NET reports it (128 + signal for a signalled process); null when unknown.</param>
/// <param name="UnknownBecause">Why the exit code is unknown; used when <paramref name="ExitCode"/> is null.</param>
/// <param name="Stop">What the agent did to stop it.</param>
/// <param name="Grace">The grace period a stop gave it.</param>
/// <param name="OomKills">How many of its processes the kernel's OOM killer killed, when its cgroup says; null when unknown.</param>
/// <param name="MemoryLimitBytes">The memory limit it ran under; null when none was enforced.</param>
internal readonly record struct ExitFacts(
    int? ExitCode,
    string? UnknownBecause,
    StopKind Stop,
    TimeSpan Grace,
    long? OomKills,
    long? MemoryLimitBytes);

/// <summary>Turns <see cref="ExitFacts"/> into the exit code and reason a <see cref="ContainerExit"/> carries. Pure.</summary>
internal static class ExitDescription
{
    /// <summary>
    /// The exit code reported when it cannot be known: the process was adopted after an agent restart (only a
    /// parent can read a child's exit status) or exited while no agent watched. Negative, so it can never be
    /// mistaken for a real status (0-255).
    /// </summary>
    public const int UnknownExitCode = -1;

    private const int SignalBase = 128;
    private const int MaxSignal = 64;

    /// <summary>The exit code and the reason in words (null for a plain successful exit).</summary>
    public static (int ExitCode, string? Reason) Describe(ExitFacts facts)
    {
        var parts = new List<string>();
        var code = facts.ExitCode ?? UnknownExitCode;
        var signal = code is > SignalBase and <= SignalBase + MaxSignal ? code - SignalBase : 0;
        var oom = facts.OomKills > 0;

        if (facts.ExitCode is null)
        {
            parts.Add($"exit status unknown: {facts.UnknownBecause ?? "the process was not a child of this agent"}");
        }

        if (oom)
        {
            parts.Add($"out of memory: the kernel's OOM killer killed {Plural(facts.OomKills!.Value, "process", "processes")} of the container at its memory limit of {Bytes(facts.MemoryLimitBytes)}");
        }

        switch (facts.Stop)
        {
            case StopKind.Killed:
                parts.Add(facts.Grace > TimeSpan.Zero
                    ? $"killed by the agent with SIGKILL after it did not stop within the {Seconds(facts.Grace)} grace period"
                    : "killed by the agent with SIGKILL");
                break;
            case StopKind.Terminated:
                parts.Add("stopped by the agent with SIGTERM");
                break;
        }

        if (facts.ExitCode is not null)
        {
            if (signal > 0)
            {
                var killedBy = $"ended by {Signals.Name(signal)} ({signal.ToString(CultureInfo.InvariantCulture)})";
                if (signal == Signals.Kill && !oom && facts.Stop == StopKind.None && facts.MemoryLimitBytes is not null && facts.OomKills is null)
                {
                    // No OOM counter to read (cgroup gone or unreadable): a SIGKILL nobody here sent is most likely the OOM killer.
                    killedBy += $", most likely out of memory at its limit of {Bytes(facts.MemoryLimitBytes)}";
                }

                parts.Add(killedBy);
            }
            else if (code != 0 || parts.Count > 0)
            {
                parts.Add($"exited with code {code.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return (code, parts.Count == 0 ? null : string.Join("; ", parts));
    }

    private static string Plural(long n, string one, string many) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "(unknown)",
        long b when b % Resources.MiB == 0 => $"{(b / Resources.MiB).ToString(CultureInfo.InvariantCulture)} MiB",
        long b => $"{b.ToString(CultureInfo.InvariantCulture)} bytes",
    };
}
