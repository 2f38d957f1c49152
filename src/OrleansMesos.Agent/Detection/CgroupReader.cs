namespace OrleansMesos.Agent.Detection;

/// <summary>A limit found in the cgroup hierarchy, or none, and where it came from.</summary>
/// <param name="Value">Millicores (CPU) or bytes (memory); null when no cgroup limits this process.</param>
/// <param name="Source">Which file said so, or why there is no limit, in words.</param>
internal sealed record CgroupLimit(long? Value, string Source);

/// <summary>
/// Reads the CPU quota and memory limit of this process's cgroup. It looks in the process's own cgroup (from
/// <c>/proc/self/cgroup</c>) and every ancestor up to the hierarchy's root, since a limit on any of them binds,
/// and takes the smallest. Files that are missing are skipped; files that hold garbage are skipped and named in
/// <see cref="CgroupLimit.Source"/>.
/// </summary>
internal sealed class CgroupReader(IHostFileSystem files)
{
    public const string Mount = "/sys/fs/cgroup";

    public const string ProcSelfCgroup = "/proc/self/cgroup";

    private const int MaxQuoted = 40;

    /// <summary>v2 when <c>/sys/fs/cgroup/cgroup.controllers</c> exists; v1 when a <c>cpu</c> or <c>memory</c> hierarchy is mounted.</summary>
    public CgroupVersion DetectVersion() =>
        files.Exists(Mount + "/cgroup.controllers") ? CgroupVersion.V2
        : files.Exists(Mount + "/cpu") || files.Exists(Mount + "/memory") ? CgroupVersion.V1
        : CgroupVersion.None;

    /// <summary>The lines of <c>/proc/self/cgroup</c>; empty when it cannot be read.</summary>
    public async Task<IReadOnlyList<CgroupMembership>> ReadMembershipAsync(CancellationToken cancellationToken)
    {
        var text = await TryReadAsync(ProcSelfCgroup, cancellationToken).ConfigureAwait(false);
        return text.Text is null ? [] : CgroupParser.ParseMembership(text.Text);
    }

    /// <summary>The CPU quota in millicores: v1 <c>cpu.cfs_quota_us</c> / <c>cpu.cfs_period_us</c>, v2 <c>cpu.max</c>.</summary>
    public Task<CgroupLimit> ReadCpuAsync(CgroupVersion version, IReadOnlyList<CgroupMembership> membership, CancellationToken cancellationToken) =>
        version switch
        {
            CgroupVersion.V1 => FindSmallestAsync(
                "cgroup v1", "cpu.cfs_quota_us", Dirs(version, membership, "cpu"),
                async (dir, ct) =>
                {
                    var quota = await TryReadAsync(dir + "/cpu.cfs_quota_us", ct).ConfigureAwait(false);
                    if (quota.Text is null)
                    {
                        return (null, quota.Problem);
                    }

                    var period = await TryReadAsync(dir + "/cpu.cfs_period_us", ct).ConfigureAwait(false);
                    var limit = CgroupParser.ParseCfs(quota.Text, period.Text);
                    return (limit, $"{Quote(quota.Text)} / cpu.cfs_period_us = {Quote(period.Text ?? "(missing)")}");
                },
                cancellationToken),
            CgroupVersion.V2 => FindSmallestAsync(
                "cgroup v2", "cpu.max", Dirs(version, membership, "cpu"),
                async (dir, ct) =>
                {
                    var max = await TryReadAsync(dir + "/cpu.max", ct).ConfigureAwait(false);
                    return max.Text is null ? (null, max.Problem) : (CgroupParser.ParseCpuMax(max.Text), Quote(max.Text));
                },
                cancellationToken),
            _ => Task.FromResult(new CgroupLimit(null, $"no cgroup hierarchy at {Mount}")),
        };

    /// <summary>The memory limit in bytes: v1 <c>memory.limit_in_bytes</c>, v2 <c>memory.max</c>.</summary>
    public Task<CgroupLimit> ReadMemoryAsync(CgroupVersion version, IReadOnlyList<CgroupMembership> membership, CancellationToken cancellationToken)
    {
        if (version == CgroupVersion.None)
        {
            return Task.FromResult(new CgroupLimit(null, $"no cgroup hierarchy at {Mount}"));
        }

        var (label, file, parse) = version == CgroupVersion.V1
            ? ("cgroup v1", "memory.limit_in_bytes", (Func<string, ParsedLimit>)CgroupParser.ParseMemoryLimitInBytes)
            : ("cgroup v2", "memory.max", CgroupParser.ParseMemoryMax);

        return FindSmallestAsync(
            label, file, Dirs(version, membership, "memory"),
            async (dir, ct) =>
            {
                var text = await TryReadAsync(dir + "/" + file, ct).ConfigureAwait(false);
                return text.Text is null ? (null, text.Problem) : (parse(text.Text), Quote(text.Text));
            },
            cancellationToken);
    }

    private static IReadOnlyList<string> Dirs(CgroupVersion version, IReadOnlyList<CgroupMembership> membership, string controller) =>
        CgroupParser.Ancestry(
            version == CgroupVersion.V1 ? Mount + "/" + controller : Mount,
            CgroupParser.FindPath(membership, version, controller));

    // Reads one limit per directory, leaf first, and keeps the smallest. readLevel gives null for a level without
    // the file (with the reason when the file exists but could not be read), else the parsed limit and the raw text.
    private async Task<CgroupLimit> FindSmallestAsync(
        string label,
        string file,
        IReadOnlyList<string> dirs,
        Func<string, CancellationToken, Task<(ParsedLimit? Limit, string? Raw)>> readLevel,
        CancellationToken cancellationToken)
    {
        (long Value, string Where)? smallest = null;
        var unlimited = new List<string>();
        var problems = new List<string>();
        foreach (var dir in dirs)
        {
            if (!files.Exists(dir))
            {
                continue;
            }

            var (limit, raw) = await readLevel(dir, cancellationToken).ConfigureAwait(false);
            switch (limit?.State)
            {
                case null when raw is not null:
                    problems.Add($"{dir}/{file} {raw}");
                    break;
                case LimitState.Limited when smallest is null || limit.Value.Value < smallest.Value.Value:
                    smallest = (limit.Value.Value, $"{label} {dir}/{file} = {raw}");
                    break;
                case LimitState.Unlimited:
                    unlimited.Add($"{dir}/{file} = {raw}");
                    break;
                case LimitState.Invalid:
                    problems.Add($"{dir}/{file} holds {raw}, not a limit: ignored");
                    break;
            }
        }

        var notes = problems.Count > 0 ? " (" + string.Join("; ", problems) + ")" : string.Empty;
        if (smallest is { } found)
        {
            return new CgroupLimit(found.Value, found.Where + notes);
        }

        var why = unlimited.Count > 0 ? $"{label} {unlimited[0]}: unlimited"
            : problems.Count > 0 ? $"{label}: no usable {file}"
            : dirs.Count == 1 ? $"{label}: no {file} in {dirs[0]}"
            : $"{label}: no {file} from {dirs[0]} up to {dirs[^1]}";
        return new CgroupLimit(null, why + notes);
    }

    private async Task<(string? Text, string? Problem)> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await files.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "unreadable: " + e.Message);
        }
    }

    private static string Quote(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxQuoted ? $"'{trimmed}'" : $"'{trimmed[..MaxQuoted]}…'";
    }
}
