using System.Globalization;
using OrleansMesos.Errors;

namespace OrleansMesos.Agent.Detection;

/// <summary>
/// How a host's resources are detected, and what the operator changes: an override per kind replaces what was
/// detected, and <see cref="Reserved"/> is kept back for the host itself (its OS, the agent, the silo).
/// The node offers <c>(override ?? detected) − Reserved</c>.
/// </summary>
public sealed class ResourceDetectionOptions
{
    /// <summary>The default <see cref="DataDirectory"/>.</summary>
    public const string DefaultDataDirectory = "/var/lib/orleans-mesos";

    /// <summary>
    /// The directory containers' data goes to: the disk offered is the capacity of the filesystem holding it.
    /// It need not exist yet; then its nearest existing parent is sized.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>CPU to offer instead of the detected, in millicores; null to detect.</summary>
    public long? MilliCpus { get; set; }

    /// <summary>Memory to offer instead of the detected, in bytes; null to detect.</summary>
    public long? MemoryBytes { get; set; }

    /// <summary>Disk to offer instead of the detected, in bytes; null to detect.</summary>
    public long? DiskBytes { get; set; }

    /// <summary>
    /// GPUs to offer instead of all detected ones; null to detect. It may only lower the count (the first GPUs by
    /// index are kept), since a GPU is offered by its UUID and only NVML knows those.
    /// </summary>
    public int? Gpus { get; set; }

    /// <summary>Kept back for the host itself. Reserving more of a kind than the host has is an error; of a kind it has none of, nothing.</summary>
    public Resources Reserved { get; set; } = Resources.Zero;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidFieldException">Names the setting and the rule broken.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidFieldException(nameof(DataDirectory), "must name a directory");
        }

        NotNegative(MilliCpus, nameof(MilliCpus));
        NotNegative(MemoryBytes, nameof(MemoryBytes));
        NotNegative(DiskBytes, nameof(DiskBytes));
        NotNegative(Gpus, nameof(Gpus));
    }

    private static void NotNegative(long? value, string field)
    {
        if (value < 0)
        {
            throw new InvalidFieldException(field, "must not be negative", value.Value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
