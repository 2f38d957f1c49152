namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>Every round of one workload run on one allocator, with the setup times.</summary>
internal sealed class RunResult(string workload, string allocator, int agents, int frameworks, TimeSpan frameworksAdded, TimeSpan agentsAdded)
{
    public string Workload { get; } = workload;

    public string Allocator { get; } = allocator;

    public int Agents { get; } = agents;

    public int Frameworks { get; } = frameworks;

    public TimeSpan FrameworksAdded { get; } = frameworksAdded;

    public TimeSpan AgentsAdded { get; } = agentsAdded;

    public List<Round> Rounds { get; } = [];

    public IEnumerable<Round> Granting => Rounds.Where(r => r.Grants > 0);

    public IEnumerable<Round> AllFiltered => Rounds.Where(r => r.Grants == 0);

    /// <summary>The middle one of the rounds that made grants, or null if none did.</summary>
    public Round? MiddleGranting
    {
        get
        {
            var granting = Granting.ToList();
            return granting.Count == 0 ? null : granting[granting.Count / 2];
        }
    }

    public string Size => $"{Agents:N0} × {Frameworks:N0}";
}
