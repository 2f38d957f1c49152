using System.Globalization;

namespace OrleansMesos.Agent.Detection;

/// <summary>The cgroup hierarchy a host runs.</summary>
public enum CgroupVersion
{
    /// <summary>No cgroup filesystem is mounted at <c>/sys/fs/cgroup</c>.</summary>
    None = 0,

    /// <summary>One hierarchy per controller: <c>/sys/fs/cgroup/cpu/…</c>, <c>/sys/fs/cgroup/memory/…</c>.</summary>
    V1 = 1,

    /// <summary>The unified hierarchy: <c>/sys/fs/cgroup/cgroup.controllers</c> exists.</summary>
    V2 = 2,
}

/// <summary>One line of <c>/proc/self/cgroup</c>: <c>hierarchy-id:controllers:path</c>.</summary>
/// <param name="HierarchyId">The hierarchy's id; 0 for the v2 (unified) hierarchy.</param>
/// <param name="Controllers">The controllers bound to it (<c>cpu</c>, <c>cpuacct</c>); empty for v2.</param>
/// <param name="Path">The process's cgroup inside that hierarchy, starting with <c>/</c>.</param>
internal sealed record CgroupMembership(int HierarchyId, IReadOnlyList<string> Controllers, string Path);

/// <summary>What a limit file said.</summary>
internal enum LimitState
{
    /// <summary>A limit, in <see cref="ParsedLimit.Value"/>.</summary>
    Limited,

    /// <summary>The file says there is no limit.</summary>
    Unlimited,

    /// <summary>The file holds something that is not a limit.</summary>
    Invalid,
}

/// <summary>A parsed limit: millicores for CPU files, bytes for memory files.</summary>
internal readonly record struct ParsedLimit(LimitState State, long Value)
{
    public static ParsedLimit Unlimited => new(LimitState.Unlimited, 0);

    public static ParsedLimit Invalid => new(LimitState.Invalid, 0);

    public static ParsedLimit Of(long value) => new(LimitState.Limited, value);
}

/// <summary>Pure parsing of the cgroup files detection reads; no I/O here.</summary>
internal static class CgroupParser
{
    /// <summary>
    /// A memory limit at or above 2^62 bytes (4 EiB) means "unlimited": cgroup v1 writes its "no limit" as the
    /// largest page-aligned long (9223372036854771712 with 4 KiB pages, a little less with 64 KiB pages),
    /// and no host has that much memory.
    /// </summary>
    public const long UnlimitedMemoryThreshold = 1L << 62;

    /// <summary>Parses <c>/proc/self/cgroup</c>; lines that are not <c>id:controllers:path</c> are skipped.</summary>
    public static IReadOnlyList<CgroupMembership> ParseMembership(string text)
    {
        var result = new List<CgroupMembership>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();

            // The path may itself hold ':', so split on the first two only.
            var parts = line.Split(':', 3);
            if (parts.Length != 3
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !parts[2].StartsWith('/'))
            {
                continue;
            }

            var controllers = parts[1].Length == 0 ? [] : parts[1].Split(',');
            result.Add(new CgroupMembership(id, controllers, parts[2]));
        }

        return result;
    }

    /// <summary>
    /// The process's cgroup path for <paramref name="controller"/>: for v1 the line whose controller list names it
    /// (<c>4:memory:/a</c>, <c>3:cpu,cpuacct:/a</c>), for v2 the <c>0::/a</c> line. Null when there is none.
    /// </summary>
    public static string? FindPath(IReadOnlyList<CgroupMembership> membership, CgroupVersion version, string controller)
    {
        foreach (var line in membership)
        {
            var match = version == CgroupVersion.V2
                ? line.HierarchyId == 0 && line.Controllers.Count == 0
                : line.Controllers.Contains(controller, StringComparer.Ordinal);
            if (match)
            {
                return line.Path;
            }
        }

        return null;
    }

    /// <summary>
    /// The directories from the process's cgroup up to the hierarchy's root, leaf first: a limit on any of them
    /// binds the process. A path that climbs out of the namespace (<c>/..</c>) has only the root.
    /// </summary>
    /// <param name="mount">The hierarchy's mount: <c>/sys/fs/cgroup/memory</c> (v1) or <c>/sys/fs/cgroup</c> (v2).</param>
    /// <param name="path">The cgroup path from <c>/proc/self/cgroup</c>; null for the root only.</param>
    public static IReadOnlyList<string> Ancestry(string mount, string? path)
    {
        var segments = (path ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is ".." or "."))
        {
            segments = [];
        }

        var result = new List<string>(segments.Length + 1);
        for (var depth = segments.Length; depth > 0; depth--)
        {
            result.Add(mount + "/" + string.Join('/', segments, 0, depth));
        }

        result.Add(mount);
        return result;
    }

    /// <summary>
    /// cgroup v1 CPU: <c>cpu.cfs_quota_us</c> (<c>-1</c> = unlimited) over <c>cpu.cfs_period_us</c>, in millicores.
    /// </summary>
    public static ParsedLimit ParseCfs(string quotaText, string? periodText)
    {
        var quota = quotaText.Trim();
        if (quota == "-1")
        {
            return ParsedLimit.Unlimited;
        }

        return TryParsePositive(quota, out var q) && periodText is not null && TryParsePositive(periodText.Trim(), out var p)
            ? ParsedLimit.Of(MilliCpus(q, p))
            : ParsedLimit.Invalid;
    }

    /// <summary>cgroup v2 CPU: <c>cpu.max</c> holds <c>max period</c> (unlimited) or <c>quota period</c>; in millicores.</summary>
    public static ParsedLimit ParseCpuMax(string text)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 1 or 2 && fields[0] == "max" && (fields.Length == 1 || TryParsePositive(fields[1], out _)))
        {
            return ParsedLimit.Unlimited;
        }

        return fields.Length == 2 && TryParsePositive(fields[0], out var q) && TryParsePositive(fields[1], out var p)
            ? ParsedLimit.Of(MilliCpus(q, p))
            : ParsedLimit.Invalid;
    }

    /// <summary>cgroup v1 memory: <c>memory.limit_in_bytes</c>; values from 2^62 up mean unlimited.</summary>
    public static ParsedLimit ParseMemoryLimitInBytes(string text)
    {
        // Some kernels write the "no limit" as an unsigned 64-bit value, beyond a long.
        if (!ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes == 0)
        {
            return ParsedLimit.Invalid;
        }

        return bytes >= UnlimitedMemoryThreshold ? ParsedLimit.Unlimited : ParsedLimit.Of((long)bytes);
    }

    /// <summary>cgroup v2 memory: <c>memory.max</c> holds <c>max</c> (unlimited) or a number of bytes.</summary>
    public static ParsedLimit ParseMemoryMax(string text)
    {
        var value = text.Trim();
        return value == "max" ? ParsedLimit.Unlimited : ParseMemoryLimitInBytes(value);
    }

    /// <summary>
    /// A CFS quota in millicores: <c>quota × 1000 / period</c>, rounded down (never offer more CPU time than the
    /// quota grants) but at least one millicore (a positive quota is never nothing).
    /// 150000/100000 is 1500; 33333/100000 is 333.
    /// </summary>
    public static long MilliCpus(long quotaMicros, long periodMicros)
    {
        var milli = (Int128)quotaMicros * Resources.MilliCpusPerCore / periodMicros;
        return (long)Int128.Clamp(milli, 1, long.MaxValue / 2);
    }

    private static bool TryParsePositive(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
