using System.CommandLine;
using OrleansMesos.Errors;
using OrleansMesos.Redis;

namespace OrleansMesos.ClientSample;

/// <summary>The sample's command line, turned into checked <see cref="SampleSettings"/>.</summary>
internal static class SampleCommand
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs <paramref name="run"/> with the settings; returns its exit code, or
    /// <see cref="ExitCodes.InvalidInput"/> for a bad command line. Cancellation is the caller's (signals).
    /// </summary>
    public static async Task<int> InvokeAsync(
        string[] args, Func<SampleSettings, CancellationToken, Task<int>> run, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        await InvokeAsync(args, Environment.GetEnvironmentVariable, run, output, error, cancellationToken);

    /// <inheritdoc cref="InvokeAsync(string[], Func{SampleSettings, CancellationToken, Task{int}}, TextWriter, TextWriter, CancellationToken)"/>
    /// <param name="environment">Reads an environment variable: where the Redis password comes from.</param>
    public static async Task<int> InvokeAsync(
        string[] args, Func<string, string?> environment, Func<SampleSettings, CancellationToken, Task<int>> run, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var parse = Create(run, error, environment).Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        var exitCode = await parse.InvokeAsync(configuration, cancellationToken);

        // The parser reports a bad command line with 1; the sample keeps 1 for tasks that did not succeed.
        return parse.Errors.Count > 0 ? ExitCodes.InvalidInput : exitCode;
    }

    /// <summary>The environment variable the Redis password is read from: never an option, since a command line is visible to other users.</summary>
    public const string RedisPasswordVariable = "OrleansMesos__RedisPassword";

    public static RootCommand Create(Func<SampleSettings, CancellationToken, Task<int>> run, TextWriter error, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
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
        var redis = new Option<string?>("--redis")
        {
            Description = $"find the gateways in Redis, as a cluster on Redis clustering keeps them: host:port (StackExchange.Redis form, e.g. host:6380,ssl=true); the password from the environment variable {RedisPasswordVariable}",
        };
        var redisUser = new Option<string?>("--redis-user") { Description = "Redis ACL user (default: the default user)" };
        var redisTls = new Option<bool>("--redis-tls") { Description = "connect to Redis with TLS" };
        var redisTlsCa = new Option<string?>("--redis-tls-ca") { Description = "CA certificate file (PEM) to trust for Redis's TLS certificate" };
        var redisTlsHost = new Option<string?>("--redis-tls-host") { Description = "name on Redis's TLS certificate, when not the host in --redis" };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans cluster id", DefaultValueFactory = _ => defaults.ClusterId };
        var serviceId = new Option<string>("--service-id") { Description = "Orleans service id", DefaultValueFactory = _ => defaults.ServiceId };
        var journal = new Option<string?>("--journal") { Description = "write every lease, redemption and status update to this file as JSON lines, as they happen" };
        var local = new Option<bool>("--local") { Description = "start a one-node cluster (omsilo) on free loopback ports, run the batch on it, then stop it" };
        var siloDll = new Option<string?>("--silo-dll") { Description = "the omsilo.dll --local runs (default: the one built beside this sample)" };
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "seconds connecting to the cluster may take", DefaultValueFactory = _ => defaults.ConnectTimeout.TotalSeconds };
        var timeout = new Option<double>("--timeout") { Description = "seconds the batch may run before it stops and reports", DefaultValueFactory = _ => defaults.Timeout.TotalSeconds };

        var root = new RootCommand("client-sample: a batch framework on OrleansMesos. Runs --tasks tasks, retries failures up to --max-retries, shows progress, and ends with a summary. Exit code 0 when every task succeeded, 1 otherwise, 2 on a bad option.")
        {
            tasks, task, command, args, image, failRate, maxRetries, maxSleep, seed, role, frameworkId, gateway, redis, redisUser, redisTls, redisTlsCa, redisTlsHost,
            clusterId, serviceId, journal, local, siloDll, connectTimeout, timeout,
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
                    GatewaysGiven = parse.GetResult(gateway) is { Implicit: false },
                    Redis = parse.GetValue(redis) is { } configuration
                        ? new RedisSettings
                        {
                            Configuration = configuration,
                            Password = environment(RedisPasswordVariable),
                            User = parse.GetValue(redisUser),
                            Tls = parse.GetValue(redisTls),
                            TlsCa = parse.GetValue(redisTlsCa),
                            TlsHost = parse.GetValue(redisTlsHost),
                            FieldNames = RedisOption,
                        }
                        : null,
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

    /// <summary>The option (or, for the password, the environment variable) that holds a Redis setting.</summary>
    private static string RedisOption(string field) => field switch
    {
        RedisSettings.ConfigurationField => "--redis",
        RedisSettings.PasswordField => RedisPasswordVariable,
        RedisSettings.UserField => "--redis-user",
        RedisSettings.TlsField => "--redis-tls",
        RedisSettings.TlsCaField => "--redis-tls-ca",
        RedisSettings.TlsHostField => "--redis-tls-host",
        _ => field,
    };

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
