using System.Globalization;

namespace OrleansMesos.Agent.Runtimes.Processes.Cgroups;

/// <summary>
/// Creates, limits, lists and removes the cgroups of containers: <c>&lt;mount&gt;/&lt;parent&gt;/&lt;cluster&gt;/&lt;runtime id&gt;</c>
/// in the v1 cpu and memory hierarchies, or in the unified v2 one. Never throws for what the host does not allow
/// (not root, read-only, no controller): the container then runs without that limit and the result says why.
/// </summary>
internal sealed class CgroupManager(ProcessRuntimeOptions options)
{
    private const string Cpu = "cpu";
    private const string Memory = "memory";
    private static readonly string[] s_controllers = [Cpu, Memory];

    /// <summary>Creates the container's cgroups and writes its limits.</summary>
    public ContainerCgroups Create(string cluster, string runtimeId, Resources limits)
    {
        var wantsCpu = limits.MilliCpus > 0;
        var wantsMemory = limits.MemoryBytes > 0;
        if (!options.EnableCgroups)
        {
            return new ContainerCgroups { LimitsApplied = !wantsCpu && !wantsMemory, Note = "cgroups are disabled in the options: no limits" };
        }

        var problems = new List<string>();
        var hierarchies = ReadHierarchies(problems);
        var v2 = hierarchies.FirstOrDefault(h => h.IsV2);
        var v2Controllers = v2 is null ? new HashSet<string>() : ReadWords(Path.Combine(v2.MountPoint, "cgroup.controllers"));
        var chosen = CgroupHierarchy.Choose(hierarchies, v2Controllers, s_controllers);

        var relative = Path.Combine([.. options.CgroupParent.Split('/'), cluster, runtimeId]);
        var directories = new Dictionary<CgroupHierarchy, string>();
        foreach (var hierarchy in chosen.Values.Distinct())
        {
            var controllers = chosen.Where(c => c.Value == hierarchy).Select(c => c.Key).ToList();
            try
            {
                directories[hierarchy] = hierarchy.IsV2
                    ? CreateV2(hierarchy.MountPoint, relative, controllers, problems)
                    : CreateV1(hierarchy.MountPoint, relative);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"cannot create the cgroup {Path.Combine(hierarchy.MountPoint, relative)}: {e.Message}");
            }
        }

        string? Dir(string controller) =>
            chosen.TryGetValue(controller, out var h) && directories.TryGetValue(h, out var d) ? d : null;

        long? milliCpus = null;
        var cpuDir = Dir(Cpu);
        if (wantsCpu)
        {
            if (cpuDir is null)
            {
                problems.Add(chosen.ContainsKey(Cpu) ? "no cpu cgroup: cpu not limited" : "no cpu controller on this host: cpu not limited");
            }
            else if (WriteCpu(cpuDir, chosen[Cpu].IsV2, limits.MilliCpus, problems))
            {
                milliCpus = limits.MilliCpus;
            }
        }

        long? memoryBytes = null;
        var memoryDir = Dir(Memory);
        if (wantsMemory)
        {
            if (memoryDir is null)
            {
                problems.Add(chosen.ContainsKey(Memory) ? "no memory cgroup: memory not limited" : "no memory controller on this host: memory not limited");
            }
            else if (Write(memoryDir, chosen[Memory].IsV2 ? "memory.max" : "memory.limit_in_bytes", limits.MemoryBytes.ToString(CultureInfo.InvariantCulture), problems))
            {
                memoryBytes = limits.MemoryBytes;
            }
        }

        return new ContainerCgroups
        {
            Directories = [.. directories.Values],
            MemoryDirectory = memoryDir,
            MemoryIsV2 = memoryDir is not null && chosen[Memory].IsV2,
            MemoryLimitBytes = memoryBytes,
            MilliCpus = milliCpus,
            LimitsApplied = (!wantsCpu || milliCpus is not null) && (!wantsMemory || memoryBytes is not null),
            Note = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    /// <summary>The processes in the container's cgroups.</summary>
    public static HashSet<int> Members(ContainerCgroups cgroups)
    {
        var pids = new HashSet<int>();
        foreach (var dir in cgroups.Directories)
        {
            foreach (var word in ReadWords(Path.Combine(dir, "cgroup.procs")))
            {
                if (int.TryParse(word, CultureInfo.InvariantCulture, out var pid))
                {
                    pids.Add(pid);
                }
            }
        }

        return pids;
    }

    /// <summary>True when <paramref name="pid"/> is in every one of the container's cgroups.</summary>
    public static bool Contains(ContainerCgroups cgroups, int pid)
    {
        var text = pid.ToString(CultureInfo.InvariantCulture);
        return cgroups.Directories.All(d => ReadWords(Path.Combine(d, "cgroup.procs")).Contains(text));
    }

    /// <summary>How many processes the OOM killer killed in the container's memory cgroup; null when it cannot be told.</summary>
    public static long? OomKills(ContainerCgroups cgroups)
    {
        if (cgroups.MemoryDirectory is null)
        {
            return null;
        }

        var file = Path.Combine(cgroups.MemoryDirectory, cgroups.MemoryIsV2 ? "memory.events" : "memory.oom_control");
        try
        {
            return CgroupLimits.OomKills(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes the container's cgroups. A cgroup can only be removed once its processes are gone, and the kernel
    /// takes a moment to let go of killed ones, so this retries until <paramref name="timeout"/>. Returns what is left.
    /// </summary>
    public static async Task<List<string>> RemoveAsync(ContainerCgroups cgroups, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var left = cgroups.Directories.Where(Directory.Exists).ToList();
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (left.Count > 0)
        {
            left.RemoveAll(TryRemove);
            if (left.Count == 0 || time.GetTimestamp() >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }

        return left;
    }

    private static bool TryRemove(string dir)
    {
        try
        {
            // rmdir(2): a cgroup directory is removed whole, its control files with it, and only when empty of processes.
            Directory.Delete(dir, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private List<CgroupHierarchy> ReadHierarchies(List<string> problems)
    {
        try
        {
            var found = CgroupHierarchy.ParseMountInfo(File.ReadAllText(options.MountInfoPath));
            if (found.Count == 0)
            {
                problems.Add("no cgroup hierarchy is mounted");
            }

            return found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read the mount table: {e.Message}");
            return [];
        }
    }

    private static string CreateV1(string mountPoint, string relative)
    {
        var dir = Path.Combine(mountPoint, relative);
        Directory.CreateDirectory(dir);
        return dir;
    }

    // v2 limits a controller in a group only when every ancestor enables it for its children
    // (cgroup.subtree_control), from the root down to the container's parent.
    private static string CreateV2(string mountPoint, string relative, List<string> controllers, List<string> problems)
    {
        var dir = mountPoint;
        foreach (var segment in relative.Split('/'))
        {
            var enabled = ReadWords(Path.Combine(dir, "cgroup.subtree_control"));
            foreach (var controller in controllers.Where(c => !enabled.Contains(c)))
            {
                Write(dir, "cgroup.subtree_control", "+" + controller, problems);
            }

            dir = Path.Combine(dir, segment);
            Directory.CreateDirectory(dir);
        }

        return dir;
    }

    private static bool WriteCpu(string dir, bool v2, long milliCpus, List<string> problems) =>
        v2
            ? Write(dir, "cpu.max", CgroupLimits.CpuMax(milliCpus), problems)
            : Write(dir, "cpu.cfs_period_us", CgroupLimits.CfsPeriodMicros.ToString(CultureInfo.InvariantCulture), problems)
                && Write(dir, "cpu.cfs_quota_us", CgroupLimits.CfsQuotaMicros(milliCpus).ToString(CultureInfo.InvariantCulture), problems);

    // A control file takes one write; it is opened, never created, so a missing controller shows as a missing file.
    private static bool Write(string dir, string file, string value, List<string> problems)
    {
        var path = Path.Combine(dir, file);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(value));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot write '{value}' to {path}: {e.Message}");
            return false;
        }
    }

    private static HashSet<string> ReadWords(string path)
    {
        try
        {
            return File.ReadAllText(path).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
