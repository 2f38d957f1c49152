using System.CommandLine;
using OrleansMesos.Grains.Options;

namespace OrleansMesos.Benchmarks.Cluster;

/// <summary>The <c>cluster</c> command: a load generator driving an in-process OrleansMesos cluster end to end.</summary>
internal static class ClusterCommand
{
    /// <summary>
    /// With 100 frameworks, 1,600 tasks in flight: enough to keep the cluster busy, few enough that a lease
    /// waits in its client well under the lease lifetime at the rates reached (see docs/benchmarks.md).
    /// </summary>
    public const int DefaultWindow = 16;

    public static Command Create()
    {
        var silos = Int("--silos", "Silos of the in-process cluster.", 1);
        var nodes = Int("--nodes", "Nodes, each with a fake agent in this process.", 1_000);
        var frameworks = Int("--frameworks", "Frameworks, each with a client-side driver in this process.", 100);
        var partitions = Int("--partitions", "Allocator partitions (OrleansMesosOptions.Partitions).", 8);
        var duration = Int("--duration", "Seconds measured, for the workload and again for the no-op baseline.", 20);
        var warmUp = Int("--warmup", "Seconds of unmeasured warm-up before each measured phase.", 5);
        var task = Text("--task", "Resources of one task; every container has this shape.", "cpus=1,mem=1GiB");
        var node = Text("--node", "Resources of one node.", "cpus=16,mem=64GiB");
        var parallelism = Int("--parallelism", "Redeem calls each framework keeps in flight.", 2);
        var window = Int("--window", "Tasks each framework keeps leased or running: its demand, topped up as they end. 0 states one demand that never runs out, which leases every free slot at once.", DefaultWindow);
        var concurrency = new Option<int?>("--concurrency") { Description = "Callers of the no-op baseline; by default frameworks × parallelism, the redemptions the workload keeps in flight." };
        var leaseTtl = Int("--lease-ttl", "Seconds an unredeemed lease lives (OrleansMesosOptions.LeaseTtl).", (int)new OrleansMesosOptions().LeaseTtl.TotalSeconds);
        var noCount = new Option<bool>("--no-count") { Description = "Do not count grain calls and state writes (a silo call filter and a storage serializer wrapper)." };
        var noNoop = new Option<bool>("--no-noop") { Description = "Skip the no-op baseline." };
        var storage = new Option<string>("--storage")
        {
            Description = "Grain storage: memory (OrleansMesos' embedded default) or none (a diagnostic that keeps nothing: what the messages and logic cost alone).",
            DefaultValueFactory = _ => "memory",
        };
        storage.AcceptOnlyFromAmong("memory", "none");

        var command = new Command("cluster", "Drives an in-process OrleansMesos cluster end to end: leases granted and redeemed per second, redeem latency, and the no-op grain call rate on the same cluster.")
        {
            silos, nodes, frameworks, partitions, duration, warmUp, task, node, parallelism, window, concurrency, leaseTtl, noCount, noNoop, storage,
        };
        command.SetAction(async (parse, _) =>
        {
            var errors = Validate(parse, [silos, nodes, frameworks, partitions, duration, parallelism, leaseTtl], [warmUp, window], [task, node], concurrency);
            if (errors.Count > 0)
            {
                errors.ForEach(Console.Error.WriteLine);
                return 2;
            }

            var settings = new ClusterSettings(
                parse.GetValue(silos),
                parse.GetValue(nodes),
                parse.GetValue(frameworks),
                parse.GetValue(partitions),
                Resources.Parse(parse.GetValue(node)!),
                Resources.Parse(parse.GetValue(task)!),
                TimeSpan.FromSeconds(parse.GetValue(warmUp)),
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                parse.GetValue(parallelism),
                parse.GetValue(window),
                parse.GetValue(concurrency) ?? parse.GetValue(frameworks) * parse.GetValue(parallelism),
                TimeSpan.FromSeconds(parse.GetValue(leaseTtl)),
                !parse.GetValue(noCount),
                !parse.GetValue(noNoop),
                parse.GetValue(storage) == "none");
            if (settings.SlotsPerNode == 0)
            {
                Console.Error.WriteLine($"A task of {settings.Task} does not fit on a node of {settings.NodeCapacity}.");
                return 2;
            }

            return await ClusterRun.RunAsync(settings, Console.Out);
        });
        return command;
    }

    private static List<string> Validate(ParseResult parse, Option<int>[] positive, Option<int>[] notNegative, Option<string>[] resources, Option<int?> concurrency)
    {
        var errors = positive.Where(o => parse.GetValue(o) <= 0).Select(o => $"{o.Name} must be positive.").ToList();
        errors.AddRange(notNegative.Where(o => parse.GetValue(o) < 0).Select(o => $"{o.Name} must not be negative."));
        errors.AddRange(resources.Where(o => !Resources.TryParse(parse.GetValue(o), out var r) || r.IsZero)
            .Select(o => $"{o.Name} must be resources such as cpus=1,mem=1GiB."));
        if (parse.GetValue(concurrency) <= 0)
        {
            errors.Add($"{concurrency.Name} must be positive.");
        }

        return errors;
    }

    private static Option<int> Int(string name, string description, int value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static Option<string> Text(string name, string description, string value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };
}
