using System.CommandLine;
using OrleansMesos.Errors;

namespace OrleansMesos.ClientSample;

/// <summary>The sample's command line, turned into checked <see cref="SampleSettings"/>.</summary>
internal static class SampleCommand
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs <paramref name="run"/> with the settings; returns its exit code, or
    /// <see cref="ExitCodes.InvalidInput"/> for a bad command line. Cancellation is the caller's (signals).
    /// </summary>
    public static async Task<int> InvokeAsync(
        string[] args, Func<SampleSettings, CancellationToken, Task<int>> run, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parse = Create(run, error).Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        var exitCode = await parse.InvokeAsync(configuration, cancellationToken);

        // The parser reports a bad command line with 1; the sample keeps 1 for tasks that did not succeed.
        return parse.Errors.Count > 0 ? ExitCodes.InvalidInput : exitCode;
    }

    public static RootCommand Create(Func<SampleSettings, CancellationToken, Task<int>> run, TextWriter error)
    {
        var defaults = new SampleSettings();
        var tasks = new Option<int>("--tasks") { Description = "how many tasks the batch runs", DefaultValueFactory = _ => defaults.Tasks };
        var task = new Option<string>("--task") { Description = "what each task asks for, e.g. cpus=0.5,mem=128MiB", DefaultValueFactory = _ => SampleSettings.DefaultTask };
        var command = new Option<string?>("--command") { Description = "the program each task runs (default: a shell that sleeps a moment and exits with $OM_EXIT)" };
        var args = new Option<string[]>("--args") { Description = "arguments of --command", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore };
        var image = new Option<string?>("--image") { Description = "run each task as this Docker image instead of a native process" };
        var failRate = new Option<double>("--fail-rate") { Description = "probability (0-1) that an attempt is told to fail (OM_EXIT=1), for the demo", DefaultValueFactory = _ => 0 };
        var maxRetries = new Option<int>("--max-retries") { Description = "how often a failed, killed or lost task is tried again", DefaultValueFactory = _ => defaults.MaxRetries };
        var maxSleep = new Option<double>("--max-sleep") { Description = "longest a default task sleeps, in seconds", DefaultValueFactory = _ => defaults.MaxSleep.TotalSeconds };
        var seed = new Option<int?>("--seed") { Description = "seed of the sleeps and failures, for a repeatable run" };
        var role = new Option<string>("--role") { Description = "the role the framework shares the cluster under", DefaultValueFactory = _ => defaults.Role.Value };
        var frameworkId = new Option<string?>("--framework-id") { Description = "the framework's id (default: batch-<random>)" };
        var gateway = new Option<string[]>("--gateway") { Description = "a gateway of the cluster, host:port; may be repeated", DefaultValueFactory = _ => [SampleSettings.DefaultGateway] };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans cluster id", DefaultValueFactory = _ => defaults.ClusterId };
        var serviceId = new Option<string>("--service-id") { Description = "Orleans service id", DefaultValueFactory = _ => defaults.ServiceId };
        var journal = new Option<string?>("--journal") { Description = "write every lease, redemption and status update to this file as JSON lines, as they happen" };
        var local = new Option<bool>("--local") { Description = "start a one-node cluster (omsilo) on free loopback ports, run the batch on it, then stop it" };
        var siloDll = new Option<string?>("--silo-dll") { Description = "the omsilo.dll --local runs (default: the one built beside this sample)" };
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "seconds connecting to the cluster may take", DefaultValueFactory = _ => defaults.ConnectTimeout.TotalSeconds };
        var timeout = new Option<double>("--timeout") { Description = "seconds the batch may run before it stops and reports", DefaultValueFactory = _ => defaults.Timeout.TotalSeconds };

        var root = new RootCommand("client-sample: a batch framework on OrleansMesos. Runs --tasks tasks, retries failures up to --max-retries, shows progress, and ends with a summary. Exit code 0 when every task succeeded, 1 otherwise, 2 on a bad option.")
        {
            tasks, task, command, args, image, failRate, maxRetries, maxSleep, seed, role, frameworkId, gateway, clusterId, serviceId, journal, local, siloDll, connectTimeout, timeout,
        };

        root.SetAction(async (parse, cancellationToken) =>
        {
            SampleSettings settings;
            try
            {
                settings = new SampleSettings
                {
                    Tasks = parse.GetValue(tasks),
                    TaskResources = Named("--task", () => Resources.Parse(parse.GetValue(task)!)),
                    Command = parse.GetValue(command),
                    Args = parse.GetValue(args) ?? [],
                    Image = parse.GetValue(image),
                    FailRate = parse.GetValue(failRate),
                    MaxRetries = parse.GetValue(maxRetries),
                    MaxSleep = Seconds("--max-sleep", parse.GetValue(maxSleep)),
                    Seed = parse.GetValue(seed),
                    Role = Named("--role", () => new RoleName(parse.GetValue(role)!)),
                    FrameworkId = parse.GetValue(frameworkId) is { } id ? Named("--framework-id", () => new FrameworkId(id)) : defaults.FrameworkId,
                    Gateways = parse.GetValue(gateway) ?? [],
                    ClusterId = parse.GetValue(clusterId)!,
                    ServiceId = parse.GetValue(serviceId)!,
                    Journal = parse.GetValue(journal),
                    Local = parse.GetValue(local),
                    SiloDll = parse.GetValue(siloDll),
                    ConnectTimeout = Seconds("--connect-timeout", parse.GetValue(connectTimeout)),
                    Timeout = Seconds("--timeout", parse.GetValue(timeout)),
                }.Validate();
            }
            catch (InvalidFieldException ex)
            {
                await error.WriteLineAsync($"client-sample: invalid option: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            return await run(settings, cancellationToken);
        });
        return root;
    }

    /// <summary>Runs a parse, reporting its failure under <paramref name="option"/>.</summary>
    private static T Named<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (InvalidFieldException ex)
        {
            throw new InvalidFieldException(option, ex.Rule, ex.Detail is null ? ex.Field : $"{ex.Field}: {ex.Detail}");
        }
    }

    private static TimeSpan Seconds(string option, double seconds) =>
        double.IsFinite(seconds) && seconds is >= 0 and <= 365 * 24 * 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidFieldException(option, "must be a number of seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
