namespace OrleansMesos.Agent.Tests.Processes;

/// <summary>
/// Whether this host lets the tests make cgroups with cpu and memory limits, found out here without the runtime's
/// code (so that a runtime that wrongly gives up on limits fails the tests instead of being excused by them).
/// </summary>
internal static class CgroupProbe
{
    private const string Mount = "/sys/fs/cgroup";

    /// <summary>cgroup v1 with writable cpu and memory hierarchies at their usual mount points.</summary>
    public static bool V1Writable { get; } = CanMakeGroup(Path.Combine(Mount, "cpu"), "cpu.cfs_quota_us") && CanMakeGroup(Path.Combine(Mount, "memory"), "memory.limit_in_bytes");

    /// <summary>cgroup v2 whose root offers cpu and memory and lets a child group limit them.</summary>
    public static bool V2Writable { get; } = !V1Writable && CanMakeV2Group();

    /// <summary>Whether limits should be enforced on this host.</summary>
    public static bool Writable => V1Writable || V2Writable;

    private static bool CanMakeGroup(string hierarchy, string controlFile)
    {
        if (!File.Exists(Path.Combine(hierarchy, "cgroup.procs")))
        {
            return false;
        }

        var probe = Path.Combine(hierarchy, "om-tests-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(probe);
            var writable = File.Exists(Path.Combine(probe, controlFile));
            Directory.Delete(probe);
            return writable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanMakeV2Group()
    {
        try
        {
            var offered = File.ReadAllText(Path.Combine(Mount, "cgroup.controllers")).Split();
            if (!offered.Contains("cpu") || !offered.Contains("memory"))
            {
                return false;
            }

            foreach (var controller in new[] { "+cpu", "+memory" })
            {
                File.WriteAllText(Path.Combine(Mount, "cgroup.subtree_control"), controller);
            }

            return CanMakeGroup(Mount, "memory.max");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
