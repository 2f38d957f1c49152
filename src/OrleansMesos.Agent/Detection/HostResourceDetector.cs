using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OrleansMesos.Agent.Detection;

/// <summary>
/// Detects a host's resources. cpus: the cgroup CPU quota, at most the processor count, else the processor
/// count. Memory: the smaller of the cgroup memory limit and <c>/proc/meminfo</c>'s <c>MemTotal</c>. Disk: the
/// capacity of the filesystem holding <see cref="ResourceDetectionOptions.DataDirectory"/>. GPUs: what the
/// <see cref="IGpuProbe"/> finds. Then overrides replace, and the reservation is taken off; one source line per
/// kind (<c>cpus: …</c>, <c>mem: …</c>, <c>disk: …</c>, <c>gpus: …</c>) says where each figure came from.
/// </summary>
public sealed partial class HostResourceDetector : IHostResourceDetector
{
    internal const string ProcMeminfo = "/proc/meminfo";

    private readonly IHostFileSystem _files;
    private readonly IGpuProbe _gpus;
    private readonly ResourceDetectionOptions _options;
    private readonly ILogger _logger;
    private readonly RuntimeFacts _runtime;

    /// <summary>Creates the detector.</summary>
    public HostResourceDetector(
        IHostFileSystem files,
        IGpuProbe gpus,
        IOptions<ResourceDetectionOptions> options,
        ILogger<HostResourceDetector>? logger = null)
        : this(files, gpus, options.Value, logger ?? (ILogger)NullLogger.Instance, RuntimeFacts.Current)
    {
    }

    internal HostResourceDetector(IHostFileSystem files, IGpuProbe gpus, ResourceDetectionOptions options, ILogger logger, RuntimeFacts runtime)
    {
        _files = files;
        _gpus = gpus;
        _options = options;
        _logger = logger;
        _runtime = runtime;
    }

    /// <inheritdoc />
    public async Task<HostResources> DetectAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        var cgroups = new CgroupReader(_files);
        var version = cgroups.DetectVersion();
        var membership = version == CgroupVersion.None ? [] : await cgroups.ReadMembershipAsync(cancellationToken).ConfigureAwait(false);

        var cpus = await DetectCpusAsync(cgroups, version, membership, cancellationToken).ConfigureAwait(false);
        var memory = await DetectMemoryAsync(cgroups, version, membership, cancellationToken).ConfigureAwait(false);
        var disk = await DetectDiskAsync(cancellationToken).ConfigureAwait(false);
        var gpus = await _gpus.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (gpus.Status is GpuProbeStatus.Failed or GpuProbeStatus.Degraded)
        {
            LogGpuProblem(gpus.Status, gpus.Source);
        }

        var detected = new Resources(cpus.Value, memory.Value, disk.Value, gpus.Devices.Count);
        var available = HostCapacity.Available(detected, _options);
        var offered = HostCapacity.Offered(available, _options.Reserved);

        string[] sources =
        [
            Line(ResourceKind.Cpus, detected, cpus.Source, _options.MilliCpus, available, offered),
            Line(ResourceKind.Memory, detected, memory.Source, _options.MemoryBytes, available, offered),
            Line(ResourceKind.Disk, detected, disk.Source, _options.DiskBytes, available, offered),
            Line(ResourceKind.Gpus, detected, gpus.Source, _options.Gpus, available, offered),
        ];
        foreach (var source in sources)
        {
            LogDetected(source);
        }

        // GPUs are offered by UUID: an override or a reservation keeps the first ones by index.
        return new HostResources(offered, gpus.Devices.Take(offered.Gpus).ToArray(), sources);
    }

    private async Task<Figure> DetectCpusAsync(
        CgroupReader cgroups, CgroupVersion version, IReadOnlyList<CgroupMembership> membership, CancellationToken cancellationToken)
    {
        var limit = await cgroups.ReadCpuAsync(version, membership, cancellationToken).ConfigureAwait(false);
        var processors = _runtime.ProcessorCount * Resources.MilliCpusPerCore;
        var count = $"Environment.ProcessorCount = {_runtime.ProcessorCount}";
        return limit.Value switch
        {
            { } quota when quota <= processors => new Figure(quota, limit.Source),

            // A quota beyond the processors this process may run on (affinity, cpuset) cannot be used.
            { } quota => new Figure(processors, $"{count}, below the quota of {Units.Cores(quota)} ({limit.Source})"),
            null => new Figure(processors, $"{count} ({limit.Source})"),
        };
    }

    private async Task<Figure> DetectMemoryAsync(
        CgroupReader cgroups, CgroupVersion version, IReadOnlyList<CgroupMembership> membership, CancellationToken cancellationToken)
    {
        var limit = await cgroups.ReadMemoryAsync(version, membership, cancellationToken).ConfigureAwait(false);
        long? total = null;
        string meminfo;
        try
        {
            var text = await _files.ReadAllTextAsync(ProcMeminfo, cancellationToken).ConfigureAwait(false);
            total = text is null ? null : MemInfo.ParseMemTotal(text);
            meminfo = text is null ? $"no {ProcMeminfo}" : total is null ? $"{ProcMeminfo} has no MemTotal in kB" : string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            meminfo = $"{ProcMeminfo} unreadable: {e.Message}";
        }

        return (limit.Value, total) switch
        {
            ({ } cgroup, { } mem) when cgroup < mem => new Figure(cgroup, $"{limit.Source}, below {ProcMeminfo} MemTotal {Units.Bytes(mem)}"),
            (_, { } mem) => new Figure(mem, $"{ProcMeminfo} MemTotal ({limit.Source})"),
            ({ } cgroup, null) => new Figure(cgroup, $"{limit.Source} ({meminfo})"),
            (null, null) => new Figure(
                _runtime.TotalAvailableMemoryBytes,
                $"GC.GetGCMemoryInfo().TotalAvailableMemoryBytes ({limit.Source}; {meminfo})"),
        };
    }

    private async Task<Figure> DetectDiskAsync(CancellationToken cancellationToken)
    {
        var wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_options.DataDirectory));
        var existing = wanted;
        while (!_files.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var space = await _files.GetDiskSpaceAsync(existing, cancellationToken).ConfigureAwait(false);
        var where = existing == wanted ? existing : $"{existing} (nearest existing parent of {wanted})";
        if (space is not { } found)
        {
            LogDiskUnknown(where);
            return new Figure(0, $"nothing: {where} could not be sized");
        }

        return new Figure(found.TotalBytes, $"statvfs {where}, {Units.Bytes(found.FreeBytes)} free");
    }

    private static string Line(ResourceKind kind, in Resources detected, string source, long? overridden, in Resources available, in Resources offered)
    {
        var line = overridden is null
            ? $"{Units.Key(kind)}: {Units.Format(kind, detected[kind])} from {source}"
            : $"{Units.Key(kind)}: {Units.Format(kind, available[kind])} from the override (detected {Units.Format(kind, detected[kind])} from {source})";
        var reserved = available[kind] - offered[kind];
        return available[kind] == offered[kind]
            ? line
            : $"{line}; {Units.Format(kind, reserved)} reserved for the host, {Units.Format(kind, offered[kind])} offered";
    }

    // One detected figure (millicores, bytes) and where it came from.
    private readonly record struct Figure(long Value, string Source);
}

/// <summary>What the .NET runtime says about this host, the last resort of detection; fixed in tests.</summary>
/// <param name="ProcessorCount">The processors this process may use (affinity included).</param>
/// <param name="TotalAvailableMemoryBytes">The memory the GC believes is there.</param>
internal readonly record struct RuntimeFacts(int ProcessorCount, long TotalAvailableMemoryBytes)
{
    public static RuntimeFacts Current => new(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}
