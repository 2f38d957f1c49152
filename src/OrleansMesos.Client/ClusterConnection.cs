using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

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
    /// A Redis configuration (StackExchange.Redis form, e.g. <c>host:6379,password=…,ssl=true</c>) of a cluster
    /// that runs Redis clustering (<c>omsilo --clustering redis</c>): the client then finds the gateways there and
    /// <see cref="Gateways"/> is not used. Take it from settings or the environment, never from a tracked file.
    /// </summary>
    public string? Redis { get; init; }

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

        // No defaults: the embedded host must not read the application's settings files, environment or
        // command line, nor log to its console; ConfigureClient adds what the application wants.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            if (Redis is { } redis)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
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

    /// <summary>Starts <paramref name="host"/>'s Orleans client, waiting at most <see cref="ConnectTimeout"/> for a gateway.</summary>
    internal async Task StartAsync(IHost host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"no gateway of cluster '{ClusterId}' (service '{ServiceId}') answered within {ConnectTimeout}: tried {string.Join(", ", Gateways)}");
        }
    }
}
