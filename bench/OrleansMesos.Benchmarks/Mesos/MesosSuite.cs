using OrleansMesos.Allocation;
using OrleansMesos.Allocation.Reference;
using OrleansMesos.Benchmarks.Harness;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>Runs the chosen workloads on every size, the reference on the small ones, and prints the summary.</summary>
internal static class MesosSuite
{
    public static int Run(MesosSettings settings, TextWriter output)
    {
        var printer = new RoundPrinter(output, settings.PrintEvery);
        var runs = new List<RunResult>();
        var ratios = new List<Ratio>();
        output.WriteLine($"Mesos allocator workloads on .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
        if (settings.WarmUp)
        {
            WarmUp();
        }

        foreach (var (agents, frameworks) in settings.Sizes)
        {
            var withReference = settings.ReferenceRounds > 0 && (long)agents * frameworks <= MesosSettings.ReferenceMaxPairs;
            if (settings.Workloads.HasFlag(MesosWorkloads.Decline))
            {
                Settle();
                var engine = DeclineOffers.Run(Engine(), agents, frameworks, settings.RoundCap, settings.FilteredRounds, printer);
                runs.Add(engine);
                if (withReference)
                {
                    Settle();
                    var reference = DeclineOffers.Run(Reference(), agents, frameworks, settings.ReferenceRounds, settings.FilteredRounds, printer);
                    runs.Add(reference);
                    ratios.AddRange(Ratio.ForDecline(engine, reference, settings.ReferenceRounds));
                }
            }

            if (settings.Workloads.HasFlag(MesosWorkloads.Suppress))
            {
                Settle();
                var engine = SuppressOffers.Run(Engine(), agents, frameworks, printer);
                runs.Add(engine);
                if (withReference)
                {
                    Settle();
                    var reference = SuppressOffers.Run(Reference(), agents, frameworks, printer);
                    runs.Add(reference);
                    ratios.AddRange(Ratio.ForSuppress(engine, reference));
                }
            }
        }

        Summary.Print(runs, ratios, output);
        return 0;
    }

    /// <summary>
    /// Runs both workloads once on a small cluster, unprinted, so that the measured runs find the
    /// engine's code already compiled by the optimising tier of the JIT, as a long-running master would.
    /// </summary>
    private static void WarmUp()
    {
        var silent = new RoundPrinter(TextWriter.Null, every: 1);
        for (var i = 0; i < 3; i++)
        {
            DeclineOffers.Run(Engine(), 1_000, 50, roundCap: null, filteredRounds: 1, silent);
            SuppressOffers.Run(Engine(), 1_000, 50, silent);
        }

        Thread.Sleep(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Collects the garbage of the run before, outside any timed region.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static EngineAllocator Engine() => new(new AllocationEngine());

    private static ReferenceAllocatorAdapter Reference() => new(new ReferenceAllocator());
}
