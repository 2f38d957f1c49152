using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansMesos.Cli.Connection;

/// <summary>
/// An Orleans client connected to the cluster through static gateways, for the life of one command. The
/// connection is bounded by <see cref="ConnectionSettings.Timeout"/>, and so is every call made through it.
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Where grains are reached.</summary>
    public IClusterClient Grains { get; }

    /// <summary>Connects, or says why not.</summary>
    /// <exception cref="ClusterUnreachableException">A gateway's name does not resolve, or no gateway answers in time.</exception>
    public static async Task<ClusterConnection> OpenAsync(ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var deadline = new CancellationTokenSource(settings.Timeout);
        IPEndPoint[] endpoints;
        try
        {
            endpoints = await Task.WhenAll(settings.Gateways.Select(g => g.ResolveAsync(deadline.Token)));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            throw new ClusterUnreachableException(settings, $"a gateway's host name does not resolve ({ex.Message})");
        }

        // An empty builder: no configuration files, environment or console logging, so the output stays the command's own.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Exception? lastFailure = null;
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoints);

            // A silo that is starting refuses for a moment: try again until the deadline, remembering why it failed.
            client.UseConnectionRetryFilter(async (failure, cancellationToken) =>
            {
                // Orleans's own "will retry after" hides the cause that the first try of a gateway showed (refused, no route).
                if (lastFailure is null || failure.GetBaseException() is not Orleans.Runtime.Messaging.ConnectionFailedException)
                {
                    lastFailure = failure;
                }

                await Task.Delay(RetryDelay, cancellationToken);
                return true;
            });
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.Timeout);
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = settings.Timeout);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(deadline.Token).WaitAsync(settings.Timeout);
        }
        catch (Exception ex)
        {
            await StopAsync(host);
            var timedOut = deadline.IsCancellationRequested || ex is TimeoutException or OperationCanceledException;
            var why = !timedOut ? ex.GetBaseException().Message
                : lastFailure is null ? "no answer in time"
                : $"no answer in time; the last try failed: {lastFailure.GetBaseException().Message}";
            throw new ClusterUnreachableException(settings, why);
        }

        return new ClusterConnection(host);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync(_host));

    private static async Task StopAsync(IHost host)
    {
        // Leaving is best effort and bounded: the command's answer is already written.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or OrleansException or ObjectDisposedException or SocketException)
        {
            // Nothing to tell: the connection is going anyway.
        }
        finally
        {
            host.Dispose();
        }
    }
}
