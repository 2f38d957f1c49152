using System.Text.Json.Serialization;
using OrleansMesos.Agent.Runtimes.Processes.Cgroups;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>
/// What the runtime keeps of one container on disk (<c>container.json</c>), so that an agent started later finds it:
/// the ids from its labels, its process (pid and start time, which together name one process even when pids are
/// reused), its sandbox and cgroups, and how it ended once that is known.
/// </summary>
internal sealed record ContainerRecord
{
    /// <summary>The format of this record; bumped when a change would mislead an older reader.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string RuntimeId { get; init; }

    /// <summary>The labels of <see cref="ContainerLabels"/>: cluster, node, framework, container.</summary>
    public required Dictionary<string, string> Labels { get; init; }

    /// <summary>The main process; 0 until it has started.</summary>
    public int Pid { get; init; }

    /// <summary>The main process's start time (<c>/proc/&lt;pid&gt;/stat</c> field 22); 0 when it could not be read.</summary>
    public ulong StartTime { get; init; }

    public required string Sandbox { get; init; }

    public required string WorkingDirectory { get; init; }

    public ContainerCgroups Cgroups { get; init; } = ContainerCgroups.None;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the agent did to stop it, so that an agent started later words its end the same way.</summary>
    public StopKind Stop { get; init; }

    public TimeSpan StopGrace { get; init; }

    public int? ExitCode { get; init; }

    public string? ExitReason { get; init; }

    public DateTimeOffset? ExitedAt { get; init; }

    [JsonIgnore]
    public string Cluster => Labels.GetValueOrDefault(ContainerLabels.Cluster, "");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
internal sealed partial class ContainerRecordJson : JsonSerializerContext;
