namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>What the <c>mesos</c> command runs.</summary>
/// <param name="Workloads">DeclineOffers, SuppressOffers, or both.</param>
/// <param name="Sizes">(agents, frameworks) pairs.</param>
/// <param name="RoundCap">At most this many DeclineOffers rounds; null runs Mesos's 2·F.</param>
/// <param name="FilteredRounds">All-filtered cycles timed after a capped DeclineOffers run is fast-forwarded.</param>
/// <param name="ReferenceRounds">DeclineOffers rounds run on the reference; 0 runs no reference.</param>
/// <param name="PrintEvery">Print every n-th DeclineOffers round.</param>
/// <param name="WarmUp">Run the workloads once, small and unmeasured, before the measured runs.</param>
internal sealed record MesosSettings(
    MesosWorkloads Workloads,
    IReadOnlyList<(int Agents, int Frameworks)> Sizes,
    int? RoundCap,
    int FilteredRounds,
    int ReferenceRounds,
    int PrintEvery,
    bool WarmUp)
{
    /// <summary>The sizes of the Mesos runs we compare with: /1, /5, /17, /21, and 10,000 × 3,000.</summary>
    public static readonly IReadOnlyList<(int Agents, int Frameworks)> StandardSizes =
        [(1_000, 50), (1_000, 1_000), (10_000, 50), (10_000, 1_000), (10_000, 3_000)];

    /// <summary>The reference is O(F log F + N) a grant: it runs only where agents × frameworks is at most this.</summary>
    public const long ReferenceMaxPairs = 50_000;

    /// <summary>The DeclineOffers round cap of <c>--quick</c>.</summary>
    public const int QuickRounds = 20;
}

/// <summary>The Mesos workloads the command can run.</summary>
[Flags]
internal enum MesosWorkloads
{
    Decline = 1,
    Suppress = 2,
    All = Decline | Suppress,
}
