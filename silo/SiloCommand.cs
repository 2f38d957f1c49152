using System.CommandLine;

namespace OrleansMesos.Silo;

/// <summary>The command line of <c>omsilo</c>: every setting of <see cref="SiloSettings"/>, overriding appsettings.json and the environment.</summary>
internal static class SiloCommand
{
    public static RootCommand Create(Func<Dictionary<string, string>, CancellationToken, Task<int>> run)
    {
        var options = new (string Name, string Setting, string Help)[]
        {
            ("--cluster-id", nameof(SiloSettings.ClusterId), "Orleans cluster id"),
            ("--service-id", nameof(SiloSettings.ServiceId), "Orleans service id"),
            ("--silo-port", nameof(SiloSettings.SiloPort), "silo-to-silo port"),
            ("--gateway-port", nameof(SiloSettings.GatewayPort), "port clients connect to"),
            ("--clustering", nameof(SiloSettings.Clustering), "localhost | redis"),
            ("--storage", nameof(SiloSettings.Storage), "memory | redis"),
            ("--address", nameof(SiloSettings.Address), "IP address other silos and clients reach this silo at (redis clustering; default: the host's first IPv4 address)"),
            ("--redis", nameof(SiloSettings.Redis), "Redis for clustering or storage redis: host:port, optionally with StackExchange.Redis options (host:port,ssl=true)"),
            ("--redis-password", nameof(SiloSettings.RedisPassword), "Redis password; prefer the environment variable OrleansMesos__RedisPassword: a command line is visible to other users"),
            ("--redis-user", nameof(SiloSettings.RedisUser), "Redis ACL user (default: the default user)"),
            ("--redis-tls-ca", nameof(SiloSettings.RedisTlsCa), "CA certificate file (PEM) to trust for Redis's TLS certificate"),
            ("--redis-tls-host", nameof(SiloSettings.RedisTlsHost), "name on Redis's TLS certificate, when not the host in --redis"),
            ("--runtime", nameof(SiloSettings.Runtime), "auto | docker | process"),
            ("--node-id", nameof(SiloSettings.NodeId), "this node's id (default: the host name)"),
            ("--resources", nameof(SiloSettings.Resources), "override detected resources, e.g. cpus=4,mem=8GiB"),
            ("--reserve", nameof(SiloSettings.Reserve), "resources kept for the host, e.g. cpus=0.5,mem=512MiB"),
            ("--attributes", nameof(SiloSettings.Attributes), "node attributes, e.g. zone=a,rack=3"),
            ("--partitions", nameof(SiloSettings.Partitions), "allocator partitions (same on every silo)"),
            ("--data-dir", nameof(SiloSettings.DataDirectory), "where container sandboxes live"),
            ("--drain-deadline", nameof(SiloSettings.DrainDeadline), "with --leave-on-stop, how long running containers have to end before they are killed, e.g. 00:01:00 (default 60 s)"),
            ("--metrics-port", nameof(SiloSettings.MetricsPort), "serve Prometheus metrics on 127.0.0.1 at this port, path /metrics (default: off)"),
            ("--dashboard-port", nameof(SiloSettings.DashboardPort), $"port of the Orleans dashboard on 127.0.0.1 (default {SiloSettings.DefaultDashboardPort})"),
        };
        var flags = new (string Name, string Setting, string Help)[]
        {
            ("--dashboard", nameof(SiloSettings.Dashboard), "serve the Orleans dashboard (runs the silo in a web host)"),
            ("--leave-on-stop", nameof(SiloSettings.LeaveOnStop), "on SIGTERM/SIGINT leave the cluster for good: drain, kill what still runs after --drain-deadline, report, exit (default: keep containers for the next agent)"),
            ("--redis-tls", nameof(SiloSettings.RedisTls), "connect to Redis with TLS"),
        };

        var root = new RootCommand("omsilo: an OrleansMesos silo with the node agent of this host. Settings come from appsettings.json, then OrleansMesos__* environment variables, then these options.");
        var bound = options.Select(o => (o.Setting, Option: new Option<string?>(o.Name) { Description = o.Help })).ToList();
        var boundFlags = flags.Select(o => (o.Setting, Option: new Option<bool>(o.Name) { Description = o.Help })).ToList();
        foreach (var option in bound.Select(b => (Option)b.Option).Concat(boundFlags.Select(b => b.Option)))
        {
            root.Options.Add(option);
        }

        root.SetAction((parse, cancellationToken) =>
        {
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (setting, option) in bound)
            {
                if (parse.GetValue(option) is { } value)
                {
                    given[setting] = value;
                }
            }

            foreach (var (setting, option) in boundFlags)
            {
                if (parse.GetValue(option))
                {
                    given[setting] = "true";
                }
            }

            return run(given, cancellationToken);
        });
        return root;
    }
}
