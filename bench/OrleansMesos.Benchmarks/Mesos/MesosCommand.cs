using System.CommandLine;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>The <c>mesos</c> command: the Mesos allocator benchmark workloads as a round loop.</summary>
internal static class MesosCommand
{
    public static Command Create()
    {
        var workload = new Option<MesosWorkloads>("--workload")
        {
            Description = "Decline (DeclineOffers), Suppress (SuppressOffers) or All.",
            DefaultValueFactory = _ => MesosWorkloads.All,
        };
        var agents = new Option<int?>("--agents") { Description = "Agents (nodes); with --frameworks runs one size instead of the standard four." };
        var frameworks = new Option<int?>("--frameworks") { Description = "Frameworks; with --agents runs one size." };
        var rounds = new Option<int?>("--rounds")
        {
            Description = "Cap on DeclineOffers rounds (Mesos runs 2·F). A capped run files the remaining filters directly and still times the all-filtered cycle.",
        };
        var filteredRounds = new Option<int>("--filtered-rounds")
        {
            Description = "All-filtered cycles timed after a capped run is fast-forwarded.",
            DefaultValueFactory = _ => 3,
        };
        var referenceRounds = new Option<int>("--reference-rounds")
        {
            Description = $"DeclineOffers rounds run on the naive reference, on sizes up to {MesosSettings.ReferenceMaxPairs:N0} agent×framework pairs; 0 for none.",
            DefaultValueFactory = _ => 10,
        };
        var quick = new Option<bool>("--quick") { Description = $"Cap DeclineOffers at {MesosSettings.QuickRounds} rounds (plus the all-filtered cycle)." };
        var printEvery = new Option<int>("--print-every")
        {
            Description = "Print every n-th DeclineOffers round (and the first all-filtered one).",
            DefaultValueFactory = _ => 1,
        };

        var noWarmUp = new Option<bool>("--no-warmup") { Description = "Skip the small unmeasured warm-up run that lets the JIT finish compiling." };

        var command = new Command("mesos", "Mesos HierarchicalAllocator_BENCHMARK_Test DeclineOffers and SuppressOffers, on the engine and the reference.")
        {
            workload, agents, frameworks, rounds, filteredRounds, referenceRounds, quick, printEvery, noWarmUp,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(agents).HasValue != result.GetValue(frameworks).HasValue)
            {
                result.AddError("--agents and --frameworks go together.");
            }

            if (result.GetValue(agents) <= 0 || result.GetValue(frameworks) <= 0 || result.GetValue(rounds) <= 0)
            {
                result.AddError("--agents, --frameworks and --rounds must be positive.");
            }
        });
        command.SetAction(parse =>
        {
            var a = parse.GetValue(agents);
            var f = parse.GetValue(frameworks);
            var cap = parse.GetValue(rounds) ?? (parse.GetValue(quick) ? MesosSettings.QuickRounds : null);
            var settings = new MesosSettings(
                parse.GetValue(workload),
                a is { } aa && f is { } ff ? [(aa, ff)] : MesosSettings.StandardSizes,
                cap,
                Math.Max(1, parse.GetValue(filteredRounds)),
                Math.Max(0, parse.GetValue(referenceRounds)),
                Math.Max(1, parse.GetValue(printEvery)),
                !parse.GetValue(noWarmUp));
            return MesosSuite.Run(settings, Console.Out);
        });
        return command;
    }
}
