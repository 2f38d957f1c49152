using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using OrleansMesos.Redis;
using StackExchange.Redis;

namespace OrleansMesos.Client;

/// <summary>How to reach a cluster without an <see cref="IClusterClient"/> of your own: its gateways and ids.</summary>
public sealed class ClusterConnection
{
    /// <summary>The default gateway port of a silo (<c>omsilo --gateway-port</c>).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The default cluster and service id of <c>omsilo</c>.</summary>
    public const string DefaultId = "orleansmesos";

    /// <summary>The silos' gateway endpoints; the client balances over them and fails over between them.</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; init; } = [new(IPAddress.Loopback, DefaultGatewayPort)];

    /// <summary>The Orleans cluster id the silos run under.</summary>
    public string ClusterId { get; init; } = DefaultId;

    /// <summary>The Orleans service id the silos run under.</summary>
    public string ServiceId { get; init; } = DefaultId;

    /// <summary>The default for <see cref="ConnectTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long connecting waits for a gateway to answer before it fails with a <see cref="TimeoutException"/>
    /// (the Orleans client itself tries again without end); <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>
    /// Further configuration of the Orleans client, applied after the gateways and ids: logging
    /// (<c>c.Services.AddLogging(…)</c>), messaging timeouts, connection retry filters.
    /// </summary>
    public Action<IClientBuilder>? ConfigureClient { get; init; }

    /// <summary>
    /// A Redis configuration (StackExchange.Redis form, e.g. <c>host:6379</c> or <c>host:6380,ssl=true</c>) of a
    /// cluster that runs Redis clustering (<c>omsilo --clustering redis</c>): the client then finds the gateways there
    /// and <see cref="Gateways"/> is not used. The password goes in <see cref="RedisPassword"/>.
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>The Redis password: take it from the environment or a secret store, never from a tracked file.</summary>
    public string? RedisPassword { get; init; }

    /// <summary>The Redis ACL user; the <c>default</c> user when not given.</summary>
    public string? RedisUser { get; init; }

    /// <summary>Connect to Redis with TLS.</summary>
    public bool RedisTls { get; init; }

    /// <summary>A CA certificate file (PEM) to trust for Redis's TLS certificate, when no system CA signed it.</summary>
    public string? RedisTlsCa { get; init; }

    /// <summary>The name Redis's TLS certificate carries, when it is not the host in <see cref="Redis"/>.</summary>
    public string? RedisTlsHost { get; init; }

    /// <summary>The Redis settings of this connection; read only when <see cref="Redis"/> is given.</summary>
    public RedisSettings RedisConnection() => new()
    {
        Configuration = Redis,
        Password = RedisPassword,
        User = RedisUser,
        Tls = RedisTls,
        TlsCa = RedisTlsCa,
        TlsHost = RedisTlsHost,
    };

    /// <summary>Where the client looks for gateways, for messages: the gateways, or Redis with its password masked.</summary>
    public string Describe() => Redis is null ? string.Join(", ", Gateways) : $"Redis at {RedisConnection()}";

    /// <summary>Builds (does not start) a host that holds an Orleans client of this cluster; throws <see cref="Errors.InvalidFieldException"/> naming a bad setting.</summary>
    internal IHost BuildHost()
    {
        if (Redis is null && (Gateways is not { Count: > 0 } || Gateways.Any(g => g is null)))
        {
            throw new Errors.InvalidFieldException(nameof(Gateways), "must name at least one gateway endpoint");
        }

        if (ConnectTimeout <= TimeSpan.Zero && ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new Errors.InvalidFieldException(nameof(ConnectTimeout), "must be positive or infinite", ConnectTimeout.ToString());
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new Errors.InvalidFieldException(nameof(ClusterId), "must not be empty");
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new Errors.InvalidFieldException(nameof(ServiceId), "must not be empty");
        }

        // Built, and so checked, before anything starts; the client's only consumer of Redis takes it as it is.
        var redis = Redis is null ? null : RedisConnection().ToConfigurationOptions();

        // No defaults: the embedded host must not read the application's settings files, environment or
        // command line, nor log to its console; ConfigureClient adds what the application wants.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            if (redis is not null)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            }
            else
            {
                client.UseStaticClustering([.. Gateways]);
            }

            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
            ConfigureClient?.Invoke(client);
        });
        builder.Services.AddLogging();
        return builder.Build();
    }

    /// <summary>
    /// Starts <paramref name="host"/>'s Orleans client, waiting at most <see cref="ConnectTimeout"/> for a gateway; with
    /// <see cref="Redis"/>, first for Redis itself (Orleans does not retry its first Redis call).
    /// </summary>
    /// <exception cref="TimeoutException">No gateway, or no Redis, answered in time.</exception>
    /// <exception cref="RedisConnectionException">Redis refused the password or user, or its TLS certificate did not check out
    /// (<see cref="ConnectionFailureType.AuthenticationFailure"/>).</exception>
    internal async Task StartAsync(IHost host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        string? redisFailure = null;
        try
        {
            if (Redis is not null)
            {
                await RedisConnection().WaitUntilReachableAsync(ConnectTimeout, why => redisFailure = why, timeout.Token).ConfigureAwait(false);
                redisFailure = null;
            }

            await host.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (RedisConnectionException ex) when (ex.FailureType != ConnectionFailureType.AuthenticationFailure)
        {
            throw new TimeoutException($"{Describe()} did not answer within {ConnectTimeout}: {RedisConnection().DescribeFailure(ex)}", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"no gateway of cluster '{ClusterId}' (service '{ServiceId}') answered within {ConnectTimeout}: tried {Describe()}"
                + (redisFailure is null ? string.Empty : $", which did not answer ({redisFailure})"));
        }
    }
}
