using System.Globalization;

namespace OrleansMesos.Agent.Runtimes.Processes.Cgroups;

/// <summary>What a container's <see cref="Resources"/> limits become in cgroup files. Pure.</summary>
internal static class CgroupLimits
{
    /// <summary>The CFS period: 100 ms, the kernel's default and what Mesos and Docker use.</summary>
    public const long CfsPeriodMicros = 100_000;

    /// <summary>The smallest quota the kernel accepts.</summary>
    public const long MinCfsQuotaMicros = 1_000;

    /// <summary>The CFS quota for <paramref name="milliCpus"/> per <see cref="CfsPeriodMicros"/>: 1000 millicores = one whole period.</summary>
    public static long CfsQuotaMicros(long milliCpus) =>
        Math.Max(MinCfsQuotaMicros, checked(milliCpus * CfsPeriodMicros / Resources.MilliCpusPerCore));

    /// <summary>cgroup v2 <c>cpu.max</c>: <c>quota period</c>.</summary>
    public static string CpuMax(long milliCpus) =>
        string.Create(CultureInfo.InvariantCulture, $"{CfsQuotaMicros(milliCpus)} {CfsPeriodMicros}");

    /// <summary>The number of OOM kills in a cgroup's <c>memory.events</c> (v2) or <c>memory.oom_control</c> (v1); null when absent.</summary>
    public static long? OomKills(string keyValueLines)
    {
        foreach (var line in keyValueLines.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["oom_kill", var n] && long.TryParse(n, CultureInfo.InvariantCulture, out var kills))
            {
                return kills;
            }
        }

        return null;
    }
}
