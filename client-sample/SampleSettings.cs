using System.Globalization;
using OrleansMesos.Errors;
using OrleansMesos.Redis;

namespace OrleansMesos.ClientSample;

/// <summary>Everything the sample is told on its command line, checked.</summary>
internal sealed record SampleSettings
{
    public const string DefaultGateway = "127.0.0.1:30000";

    public const string DefaultTask = "cpus=0.5,mem=128MiB";

    /// <summary>Container ids are <c>task-NNNN-L</c>; the longest framework id leaves room for them in logs and labels.</summary>
    public const int MaxTasks = 9999;

    public int Tasks { get; init; } = 20;

    public Resources TaskResources { get; init; } = Resources.Parse(DefaultTask);

    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public string? Image { get; init; }

    public double FailRate { get; init; }

    public int MaxRetries { get; init; } = 2;

    public TimeSpan MaxSleep { get; init; } = TimeSpan.FromSeconds(1);

    public int? Seed { get; init; }

    public RoleName Role { get; init; } = new("default");

    /// <summary>The framework's id; a fresh one per run when not given.</summary>
    public FrameworkId FrameworkId { get; init; } = new("batch-" + Guid.NewGuid().ToString("N")[..8]);

    public IReadOnlyList<string> Gateways { get; init; } = [DefaultGateway];

    /// <summary>Whether <c>--gateway</c> was given (rather than defaulted): it cannot go with <see cref="Redis"/>.</summary>
    public bool GatewaysGiven { get; init; }

    /// <summary>Find the gateways in Redis (a cluster on Redis clustering) instead of <see cref="Gateways"/>; its password masked when printed.</summary>
    public RedisSettings? Redis { get; init; }

    public string ClusterId { get; init; } = "orleansmesos";

    public string ServiceId { get; init; } = "orleansmesos";

    /// <summary>Where the run's journal goes (every lease, redemption and status update, as JSON lines); none when not given.</summary>
    public string? Journal { get; init; }

    /// <summary>Start a one-node cluster (omsilo) as a child process and run the batch on it.</summary>
    public bool Local { get; init; }

    /// <summary>The omsilo.dll the local mode runs; found next to the sample's own build when not given.</summary>
    public string? SiloDll { get; init; }

    /// <summary>How long connecting to the cluster may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the batch may run before it stops and reports what it has.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Checks the settings together, naming the option that is wrong and the rule.</summary>
    /// <exception cref="InvalidFieldException">An option is invalid.</exception>
    public SampleSettings Validate()
    {
        if (Tasks is < 1 or > MaxTasks)
        {
            throw new InvalidFieldException("--tasks", $"must be between 1 and {MaxTasks}", Tasks.ToString(CultureInfo.InvariantCulture));
        }

        if (TaskResources.IsZero)
        {
            throw new InvalidFieldException("--task", "must ask for some resource, e.g. cpus=0.5,mem=128MiB");
        }

        if (MaxRetries is < 0 or > 100)
        {
            throw new InvalidFieldException("--max-retries", "must be between 0 and 100", MaxRetries.ToString(CultureInfo.InvariantCulture));
        }

        if (!(FailRate is >= 0 and <= 1))
        {
            throw new InvalidFieldException("--fail-rate", "must be a number from 0 to 1", FailRate.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxSleep < TimeSpan.Zero || MaxSleep > TimeSpan.FromHours(1))
        {
            throw new InvalidFieldException("--max-sleep", "must be between 0 and 3600 seconds", MaxSleep.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new InvalidFieldException("--timeout", "must be a positive number of seconds", Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new InvalidFieldException("--connect-timeout", "must be a positive number of seconds", ConnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        }

        if (Command is not null && string.IsNullOrWhiteSpace(Command))
        {
            throw new InvalidFieldException("--command", "must not be empty");
        }

        if (Image is not null && string.IsNullOrWhiteSpace(Image))
        {
            throw new InvalidFieldException("--image", "must not be empty");
        }

        if (Args.Count > 0 && Command is null)
        {
            throw new InvalidFieldException("--args", "needs --command: the default command takes none");
        }

        if (Gateways.Count == 0)
        {
            throw new InvalidFieldException("--gateway", "must be given at least once");
        }

        foreach (var gateway in Gateways)
        {
            _ = GatewayAddress.Parse(gateway);
        }

        if (Redis is not null)
        {
            if (Local)
            {
                throw new InvalidFieldException("--redis", "cannot go with --local: the local cluster runs without Redis");
            }

            if (GatewaysGiven)
            {
                throw new InvalidFieldException("--gateway", "cannot go with --redis: the gateways are found in Redis");
            }

            Redis.Validate();
        }

        IdRules.Validate(ClusterId, "--cluster-id");
        IdRules.Validate(ServiceId, "--service-id");
        if (Journal is not null && (Journal.Length == 0 || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(Journal)))))
        {
            throw new InvalidFieldException("--journal", "must be a file in a folder that exists", Journal);
        }

        return this;
    }
}
