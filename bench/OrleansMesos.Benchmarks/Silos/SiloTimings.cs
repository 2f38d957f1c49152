using System.Globalization;
using Orleans.Configuration;
using OrleansMesos.Grains.Options;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// The failure-detection and grace timings the silos run with, handed to them through their environment
/// (<c>OrleansMesos__Grains__*</c> and <c>OrleansMesos__Membership__*</c>, as omsilo reads them).
/// </summary>
internal sealed record SiloTimings(string Name, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The fast timings of the cluster-mode test: failure noticed in seconds, containers Lost 2 s later.</summary>
    public static SiloTimings Fast { get; } = new("fast", new Dictionary<string, string?>
    {
        ["OrleansMesos__Grains__HeartbeatInterval"] = "00:00:00.500",
        ["OrleansMesos__Grains__MissedHeartbeatsLimit"] = "4",
        ["OrleansMesos__Grains__LostGracePeriod"] = "00:00:02",
        ["OrleansMesos__Grains__NodeWatchPeriod"] = "00:00:02",
        ["OrleansMesos__Membership__ProbeTimeout"] = "00:00:01",
        ["OrleansMesos__Membership__NumMissedProbesLimit"] = "2",
    });

    /// <summary>Nothing set: what an operator gets out of the box.</summary>
    public static SiloTimings Defaults { get; } = new("defaults", new Dictionary<string, string?>());

    /// <summary>The settings in force, the ones set and the defaults that matter here, for the report.</summary>
    public string Describe()
    {
        var grains = new OrleansMesosOptions();
        var membership = new ClusterMembershipOptions();
        string Value(string section, string name, object fallback) =>
            Environment.TryGetValue($"OrleansMesos__{section}__{name}", out var set) && set is not null ? $"{name}={set} (set)" : $"{name}={Format(fallback)}";
        return string.Join(", ",
            Value("Grains", nameof(grains.HeartbeatInterval), grains.HeartbeatInterval),
            Value("Grains", nameof(grains.MissedHeartbeatsLimit), grains.MissedHeartbeatsLimit),
            Value("Grains", nameof(grains.LostGracePeriod), grains.LostGracePeriod),
            Value("Grains", nameof(grains.NodeWatchPeriod), grains.NodeWatchPeriod),
            Value("Membership", nameof(membership.ProbeTimeout), membership.ProbeTimeout),
            Value("Membership", nameof(membership.NumMissedProbesLimit), membership.NumMissedProbesLimit),
            Value("Membership", nameof(membership.NumProbedSilos), membership.NumProbedSilos),
            Value("Membership", nameof(membership.NumVotesForDeathDeclaration), membership.NumVotesForDeathDeclaration),
            Value("Membership", nameof(membership.TableRefreshTimeout), membership.TableRefreshTimeout));
    }

    private static string Format(object value) => value switch
    {
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
