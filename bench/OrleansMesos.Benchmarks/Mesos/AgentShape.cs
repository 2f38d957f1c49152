namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>
/// The agents of a Mesos <c>HierarchicalAllocator_BENCHMARK_Test</c> workload: every agent's total,
/// the resources it is added with already used by one framework, and what is left free — the one
/// offer Mesos makes for it each cycle. Mesos megabytes are taken as MiB; ports are not modelled.
/// </summary>
internal sealed record AgentShape(string Workload, Resources Total, Resources Used)
{
    /// <summary><c>cpus:24;mem:4096;disk:4096</c>, the agent total of DeclineOffers and SuppressOffers.</summary>
    public static readonly Resources MesosAgentTotal = Resources.FromUnits(cpus: 24, memMiB: 4096, diskMiB: 4096);

    /// <summary>DeclineOffers: used <c>cpus:16;mem:2014;disk:1024</c>, free <c>cpus:8;mem:2082;disk:3072</c>.</summary>
    public static readonly AgentShape DeclineOffers =
        new("DeclineOffers", MesosAgentTotal, Resources.FromUnits(cpus: 16, memMiB: 2014, diskMiB: 1024));

    /// <summary>SuppressOffers: used <c>cpus:16;mem:1024;disk:1024</c>, free <c>cpus:8;mem:3072;disk:3072</c>.</summary>
    public static readonly AgentShape SuppressOffers =
        new("SuppressOffers", MesosAgentTotal, Resources.FromUnits(cpus: 16, memMiB: 1024, diskMiB: 1024));

    /// <summary>An agent's free remainder: the task shape of every framework's demand, so one grant is one Mesos offer.</summary>
    public Resources Offer => Total - Used;
}
