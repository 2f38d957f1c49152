using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>Refuses settings of the process runtime that cannot work, naming the setting and the rule.</summary>
public sealed class ProcessRuntimeOptionsValidator(IOptions<ProcessRuntimeOptions> options) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        var o = options.Value;
        Check(Path.IsPathFullyQualified(o.RootDirectory ?? ""), nameof(o.RootDirectory), "must be an absolute path");
        Check(Path.IsPathFullyQualified(o.ShellPath ?? ""), nameof(o.ShellPath), "must be an absolute path");
        Check(Path.IsPathFullyQualified(o.SetsidPath ?? ""), nameof(o.SetsidPath), "must be an absolute path");
        Check(Path.IsPathFullyQualified(o.MountInfoPath ?? ""), nameof(o.MountInfoPath), "must be an absolute path");
        Check(IsCgroupParent(o.CgroupParent), nameof(o.CgroupParent), "must be a relative path of ids (letters, digits, '.', '_', '-', ':') separated by '/'");
        Check(!string.IsNullOrEmpty(o.DefaultSearchPath), nameof(o.DefaultSearchPath), "must not be empty");
        Check(o.LogTailLines is >= 0 and <= 10_000, nameof(o.LogTailLines), "must be between 0 and 10000");
        Check(o.AdoptedExitPollInterval > TimeSpan.Zero, nameof(o.AdoptedExitPollInterval), "must be greater than zero");
        Check(o.PlacementTimeout > TimeSpan.Zero, nameof(o.PlacementTimeout), "must be greater than zero");
        Check(o.KillTimeout > TimeSpan.Zero, nameof(o.KillTimeout), "must be greater than zero");
    }

    internal static bool IsCgroupParent(string? parent) =>
        !string.IsNullOrEmpty(parent) && parent.Split('/').All(IdRules.IsValid);

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new OrleansConfigurationException($"{nameof(ProcessRuntimeOptions)}.{name} {rule}");
        }
    }
}
