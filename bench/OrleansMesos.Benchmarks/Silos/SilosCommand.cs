using System.CommandLine;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>The <c>silos</c> command: omsilo processes on a private Redis, driven through the client SDK.</summary>
internal static class SilosCommand
{
    public static Command Create()
    {
        var rounds = Int("--rounds", "Throughput rounds, each 1 silo then --silos silos; 0 for none.", 3);
        var silos = Int("--silos", "Silos of the larger throughput phase and of the failover rounds.", 3);
        var frameworks = Int("--frameworks", "Throughput: frameworks, each an Orleans client of its own through the client SDK.", 8);
        var window = Int("--window", "Throughput: tasks each framework keeps waiting, leased or running.", 4);
        var parallelism = Int("--parallelism", "Leases each framework redeems at once.", 2);
        var warmUp = Int("--warmup", "Throughput: seconds of unmeasured warm-up per phase; three silos on two cores take 15-20 s to reach their rate (JIT).", 30);
        var duration = Int("--duration", "Throughput: seconds measured per phase.", 30);
        var idle = Int("--idle", "Throughput: seconds the idle cluster's CPU is read once the frameworks have gone (after a pause as long); 0 for not.", 10);
        var task = Text("--task", "Resources of one task (one container).", "cpus=1,mem=256MiB");
        var node = Text("--node", "Throughput: what each silo's node offers (omsilo --resources); room for every task of the window on one node.", "cpus=64,mem=64GiB");
        var command = Text("--command", "Throughput: the container's program and arguments.", "/bin/true");
        var failoverRounds = Int("--failover-rounds", "Failover rounds with fast failure detection (the cluster-mode test's timings); 0 for none.", 3);
        var defaultRounds = Int("--default-rounds", "Failover rounds with the default timings; 0 for none.", 1);
        var unprobedRounds = Int("--unprobed-rounds", "Failover rounds with the default timings and no grain probe (which would wake the killed node's grain); 0 for none.", 1);
        var failoverFrameworks = Int("--failover-frameworks", "Failover: frameworks.", 4);
        var failoverWindow = Int("--failover-window", "Failover: tasks each framework keeps running.", 4);
        var sleep = Int("--sleep", "Failover: seconds each task runs (sleep N).", 5);
        var failoverNode = Text("--failover-node", "Failover: what each node offers; room for every task on the nodes that survive, so that a lost task never waits for a slot.", "cpus=16,mem=16GiB");
        var keepLogs = new Option<bool>("--keep-logs") { Description = "Keep every phase's folder (silo logs, sandboxes); a phase that fails keeps its own anyway." };

        var silosCommand = new Command("silos", "Real omsilo processes on loopback on a private redis-server: leases/s with 1 silo against N, and failover after SIGKILL of a silo.")
        {
            rounds, silos, frameworks, window, parallelism, warmUp, duration, idle, task, node, command,
            failoverRounds, defaultRounds, unprobedRounds, failoverFrameworks, failoverWindow, sleep, failoverNode, keepLogs,
        };
        silosCommand.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            errors.AddRange(new[] { silos, frameworks, window, parallelism, warmUp, duration, failoverFrameworks, failoverWindow, sleep }
                .Where(o => parse.GetValue(o) <= 0).Select(o => $"{o.Name} must be positive."));
            errors.AddRange(new[] { rounds, idle, failoverRounds, defaultRounds, unprobedRounds }.Where(o => parse.GetValue(o) < 0).Select(o => $"{o.Name} must not be negative."));
            errors.AddRange(new[] { task, node, failoverNode }.Where(o => !Resources.TryParse(parse.GetValue(o), out var r) || r.IsZero)
                .Select(o => $"{o.Name} must be resources such as cpus=1,mem=1GiB."));
            if (string.IsNullOrWhiteSpace(parse.GetValue(command)))
            {
                errors.Add($"{command.Name} must name a program.");
            }

            if (errors.Count > 0)
            {
                errors.ForEach(Console.Error.WriteLine);
                return 2;
            }

            var taskShape = Resources.Parse(parse.GetValue(task)!);
            var settings = new SilosSettings(
                parse.GetValue(rounds),
                parse.GetValue(silos),
                new LoadShape(parse.GetValue(frameworks), parse.GetValue(window), parse.GetValue(parallelism), taskShape,
                    parse.GetValue(command)!.Split(' ', StringSplitOptions.RemoveEmptyEntries), parse.GetValue(node)!),
                TimeSpan.FromSeconds(parse.GetValue(warmUp)),
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                TimeSpan.FromSeconds(parse.GetValue(idle)),
                parse.GetValue(failoverRounds),
                parse.GetValue(defaultRounds),
                parse.GetValue(unprobedRounds),
                new LoadShape(parse.GetValue(failoverFrameworks), parse.GetValue(failoverWindow), parse.GetValue(parallelism), taskShape,
                    ["sleep", parse.GetValue(sleep).ToString(System.Globalization.CultureInfo.InvariantCulture)], parse.GetValue(failoverNode)!),
                FastBound: TimeSpan.FromSeconds(90),
                DefaultBound: TimeSpan.FromSeconds(300),
                parse.GetValue(keepLogs));
            return await SilosRun.RunAsync(settings, Console.Out, cancellationToken);
        });
        return silosCommand;
    }

    private static Option<int> Int(string name, string description, int value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static Option<string> Text(string name, string description, string value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };
}
