using System.Globalization;
using OrleansMesos.Errors;
using OrleansMesos.Redis;

namespace OrleansMesos.Silo;

/// <summary>
/// Everything a silo is told: from appsettings.json (section <c>OrleansMesos</c>), then environment variables
/// (<c>OrleansMesos__SiloPort</c>), then the command line, each overriding the one before.
/// </summary>
public sealed class SiloSettings
{
    /// <summary>The Orleans dashboard's customary port.</summary>
    public const int DefaultDashboardPort = 8080;

    public string ClusterId { get; set; } = "orleansmesos";

    public string ServiceId { get; set; } = "orleansmesos";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary><c>localhost</c> (one machine, the default) or <c>redis</c>.</summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary><c>memory</c> (the default) or <c>redis</c>.</summary>
    public string Storage { get; set; } = "memory";

    /// <summary>
    /// The IP address other silos and clients reach this silo at, with <c>redis</c> clustering: the host's first
    /// IPv4 address that is up and not loopback when not given (loopback when it has none). The silo listens on
    /// every address; localhost clustering always uses loopback.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>
    /// Redis for redis clustering or storage: a StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>
    /// or <c>redis.example:6380,ssl=true</c>. Keep the password out of it: see <see cref="RedisPassword"/>.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The Redis password; best from the environment (<c>OrleansMesos__RedisPassword</c>): a command line is visible to other users.</summary>
    public string? RedisPassword { get; set; }

    /// <summary>The Redis ACL user; the <c>default</c> user when not given.</summary>
    public string? RedisUser { get; set; }

    /// <summary>Connect to Redis with TLS.</summary>
    public bool RedisTls { get; set; }

    /// <summary>A CA certificate file (PEM) to trust for Redis's TLS certificate, when no system CA signed it.</summary>
    public string? RedisTlsCa { get; set; }

    /// <summary>The name Redis's TLS certificate carries, when it is not the host in <see cref="Redis"/>.</summary>
    public string? RedisTlsHost { get; set; }

    /// <summary><c>auto</c> (Docker when an engine answers, else processes), <c>docker</c> or <c>process</c>.</summary>
    public string Runtime { get; set; } = "auto";

    /// <summary>The node id; the host name when not given.</summary>
    public string? NodeId { get; set; }

    /// <summary>Overrides of detected resources in the human form, e.g. <c>cpus=4,mem=8GiB</c>; only the kinds named are overridden.</summary>
    public string? Resources { get; set; }

    /// <summary>Resources kept for the host itself, in the human form.</summary>
    public string? Reserve { get; set; }

    /// <summary>Node attributes, <c>key=value</c> pairs separated by commas.</summary>
    public string? Attributes { get; set; }

    /// <summary>Allocator partitions: the same on every silo of the cluster.</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Where the agent keeps container sandboxes; a temp folder when not given.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Port of the Prometheus scrape endpoint (<c>/metrics</c>, on 127.0.0.1 only); none when not given.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Serve the Orleans dashboard (on 127.0.0.1 only, at <see cref="DashboardPort"/>); the silo then runs in a web host.</summary>
    public bool Dashboard { get; set; }

    /// <summary>Port of the Orleans dashboard when <see cref="Dashboard"/> is on.</summary>
    public int DashboardPort { get; set; } = DefaultDashboardPort;

    /// <summary>
    /// On stop (SIGTERM, SIGINT), leave the cluster for good (scale in): drain, give running containers
    /// <see cref="DrainDeadline"/> to end, kill and report what still runs, then exit. Off (the default), stopping
    /// leaves containers running for the next agent on this host to adopt (an upgrade in place).
    /// </summary>
    public bool LeaveOnStop { get; set; }

    /// <summary>How long running containers have to end when the silo leaves (<see cref="LeaveOnStop"/>).</summary>
    public TimeSpan DrainDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks every setting, naming the first that is wrong and the rule.</summary>
    /// <exception cref="InvalidFieldException">A setting is invalid.</exception>
    public void Validate()
    {
        IdRules.Validate(ClusterId, nameof(ClusterId));
        IdRules.Validate(ServiceId, nameof(ServiceId));
        Port(SiloPort, nameof(SiloPort));
        Port(GatewayPort, nameof(GatewayPort));
        if (SiloPort == GatewayPort)
        {
            throw new InvalidFieldException(nameof(GatewayPort), "must differ from SiloPort", GatewayPort.ToString(CultureInfo.InvariantCulture));
        }

        OneOf(Clustering, nameof(Clustering), "localhost", "redis");
        OneOf(Storage, nameof(Storage), "memory", "redis");
        OneOf(Runtime, nameof(Runtime), "auto", "docker", "process");
        if (UsesRedis)
        {
            if (string.IsNullOrWhiteSpace(Redis))
            {
                throw new InvalidFieldException(nameof(Redis), "must be given (host:port) when clustering or storage is redis");
            }

            RedisConnection().Validate();
        }

        if (Address is not null && !System.Net.IPAddress.TryParse(Address, out _))
        {
            throw new InvalidFieldException(nameof(Address), "must be an IP address (v4 or v6)", Address);
        }

        if (NodeId is not null)
        {
            IdRules.Validate(NodeId, nameof(NodeId));
        }

        Parse(Resources, nameof(Resources), ResourceLimit.Parse);
        Parse(Reserve, nameof(Reserve), OrleansMesos.Resources.Parse);
        _ = ParsedAttributes();
        if (Partitions is < 1 or > 4096)
        {
            throw new InvalidFieldException(nameof(Partitions), "must be between 1 and 4096", Partitions.ToString(CultureInfo.InvariantCulture));
        }

        if (DrainDeadline < TimeSpan.Zero || DrainDeadline > TimeSpan.FromDays(1))
        {
            throw new InvalidFieldException(nameof(DrainDeadline), "must be between 0 and one day", DrainDeadline.ToString());
        }

        ValidateObservability();
    }

    /// <summary>Whether clustering or storage is on Redis; the Redis settings are read only then.</summary>
    public bool UsesRedis => Clustering == "redis" || Storage == "redis";

    /// <summary>The Redis settings together, to build each Redis consumer's configuration from.</summary>
    public RedisSettings RedisConnection() => new()
    {
        Configuration = Redis,
        Password = RedisPassword,
        User = RedisUser,
        Tls = RedisTls,
        TlsCa = RedisTlsCa,
        TlsHost = RedisTlsHost,
    };

    /// <summary>The metrics and dashboard ports: valid, and apart from every other port this silo listens on.</summary>
    private void ValidateObservability()
    {
        var taken = new List<(string Name, int Port)> { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) };
        if (MetricsPort is { } metrics)
        {
            Port(metrics, nameof(MetricsPort));
            Apart(metrics, nameof(MetricsPort), taken);
            taken.Add((nameof(MetricsPort), metrics));
        }

        Port(DashboardPort, nameof(DashboardPort));
        if (Dashboard)
        {
            Apart(DashboardPort, nameof(DashboardPort), taken);
        }
    }

    private static void Apart(int port, string name, List<(string Name, int Port)> taken)
    {
        foreach (var (other, used) in taken)
        {
            if (port == used)
            {
                throw new InvalidFieldException(name, $"must differ from {other}", port.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The address this silo advertises with redis clustering: the setting, else the host's first IPv4 address.</summary>
    public System.Net.IPAddress AdvertisedAddress() =>
        Address is { } given ? System.Net.IPAddress.Parse(given) : FirstHostAddress() ?? System.Net.IPAddress.Loopback;

    private static System.Net.IPAddress? FirstHostAddress() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up
                && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));

    /// <summary>The node id to use: the setting, else the host name made into a valid id.</summary>
    public NodeId ResolvedNodeId() => new(NodeId ?? SafeId(Environment.MachineName));

    public Dictionary<string, string> ParsedAttributes()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (Attributes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !result.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
            {
                throw new InvalidFieldException(nameof(Attributes), "must be key=value pairs with distinct keys, separated by commas", pair);
            }
        }

        return result;
    }

    private static string SafeId(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
        var id = new string(chars).Trim('-');
        return id.Length == 0 ? "node" : id[..Math.Min(id.Length, IdRules.MaxLength)];
    }

    private static void Port(int port, string name)
    {
        if (port is < 1 or > 65535)
        {
            throw new InvalidFieldException(name, "must be a port between 1 and 65535", port.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void OneOf(string value, string name, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new InvalidFieldException(name, "must be one of " + string.Join(", ", allowed), value);
        }
    }

    private static void Parse<T>(string? text, string name, Func<string, T> parse)
    {
        if (text is null)
        {
            return;
        }

        try
        {
            parse(text);
        }
        catch (InvalidFieldException ex)
        {
            throw new InvalidFieldException(name, ex.Rule, $"{ex.Field}: {ex.Detail ?? text}");
        }
    }
}
