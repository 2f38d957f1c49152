using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansMesos.Client.Delivery;
using OrleansMesos.Client.Retries;

namespace OrleansMesos.Client;

/// <summary>
/// A framework's connection to an OrleansMesos cluster: it registers the framework, states its demand, hands
/// out the leases the cluster grants (each once), redeems them into containers, and delivers container status
/// updates in order per container, each once. Calls that fail transiently are retried; refusals
/// (<see cref="Errors.OrleansMesosException"/>) are not.
/// </summary>
/// <remarks>
/// The cluster pushes to the client through an Orleans grain observer. The client registers again every
/// <see cref="FrameworkClientOptions.RefreshInterval"/>: that keeps the observer alive and, after a lost gateway,
/// resumes delivery; the cluster then sends its leases and unacknowledged updates again, which the client
/// reads only once. Disposing disconnects: the framework's failover timeout starts, and a client that connects
/// with the same id before it passes takes over the framework's leases and containers.
/// </remarks>
public sealed partial class FrameworkClient : IAsyncDisposable
{
    private readonly IClusterClient _cluster;
    private readonly IFrameworkGrain _grain;
    private readonly FrameworkClientOptions _options;
    private readonly FrameworkRegistration _registration;
    private readonly LeaseInbox _leases = new();
    private readonly StatusInbox _statuses = new();

    // Orleans holds observers weakly: this strong reference keeps ours alive as long as the client.
    private readonly FrameworkObserver _observer;
    private readonly IFrameworkObserver _reference;
    private readonly TransientRetry _retry;
    private readonly IHost? _host;
    private readonly ILogger _logger;

    // Registration, unregistration and disconnection are serialised, so that a refresh never registers the
    // framework again after it was unregistered or disconnected.
    private readonly SemaphoreSlim _registrationGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshing = Task.CompletedTask;
    private FrameworkSnapshot? _lastSnapshot;
    private bool _ended;
    private int _disposed;

    private FrameworkClient(IClusterClient cluster, IFrameworkGrain grain, FrameworkClientOptions options, IHost? host)
    {
        _cluster = cluster;
        _grain = grain;
        _options = options;
        _host = host;
        _registration = options.ToRegistration();
        _logger = (cluster.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<FrameworkClient>();
        _retry = new TransientRetry(options.MaxAttempts, options.RetryDelay, options.TimeProvider, (error, attempt, delay) => LogRetrying(options.Id, attempt, delay, error.GetType().Name, error.Message));
        _statuses.Reacknowledge = (container, sequence) => _grain.Acknowledge(container, sequence).Ignore();
        _observer = new FrameworkObserver(_leases, _statuses);
        _reference = cluster.CreateObjectReference<IFrameworkObserver>(_observer);
    }

    /// <summary>How long disposing waits for the cluster to take note of the disconnection.</summary>
    internal static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The framework's id.</summary>
    public FrameworkId Id => _options.Id;

    /// <summary>Leases as pushed (for tests).</summary>
    internal LeaseInbox LeaseInbox => _leases;

    /// <summary>Status updates as pushed (for tests).</summary>
    internal StatusInbox StatusInbox => _statuses;

    /// <summary>
    /// The framework's standing as last heard from the cluster: at connection (after a reconnect it shows the
    /// leases and containers the framework kept), at each refresh, and at each <see cref="GetSnapshotAsync"/>.
    /// </summary>
    public FrameworkSnapshot? LastSnapshot => Volatile.Read(ref _lastSnapshot);

    /// <summary>
    /// Registers the framework through <paramref name="cluster"/> (or reconnects it within its failover timeout).
    /// The cluster client stays the caller's: disposing this client does not stop it.
    /// </summary>
    /// <exception cref="Errors.InvalidFieldException">An option is invalid, or the framework is registered under another role.</exception>
    public static Task<FrameworkClient> ConnectAsync(IClusterClient cluster, FrameworkClientOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(cluster, options, host: null, intercept: null, cancellationToken);

    /// <summary>
    /// Starts an Orleans client of the cluster at <paramref name="connection"/> and registers the framework
    /// through it. The client owns that Orleans client and stops it when disposed.
    /// </summary>
    /// <exception cref="Errors.InvalidFieldException">An option or the connection is invalid.</exception>
    /// <exception cref="TimeoutException">No gateway (or, with <see cref="ClusterConnection.Redis"/>, no Redis) answered within <see cref="ClusterConnection.ConnectTimeout"/>.</exception>
    /// <exception cref="StackExchange.Redis.RedisConnectionException">Redis refused the password or user, or its TLS certificate did not check out.</exception>
    public static async Task<FrameworkClient> ConnectAsync(ClusterConnection connection, FrameworkClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var host = connection.BuildHost();
        try
        {
            await connection.StartAsync(host, cancellationToken).ConfigureAwait(false);
            return await ConnectAsync(host.Services.GetRequiredService<IClusterClient>(), options, host, intercept: null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await StopHostAsync(host).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The error that stopped the connection is the one to report.
            }

            throw;
        }
    }

    /// <summary>Connects; <paramref name="intercept"/> lets tests stand between the client and its grain.</summary>
    internal static async Task<FrameworkClient> ConnectAsync(
        IClusterClient cluster, FrameworkClientOptions options, IHost? host, Func<IFrameworkGrain, IFrameworkGrain>? intercept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var grain = cluster.GetGrain<IFrameworkGrain>(options.Id.Value);
        var client = new FrameworkClient(cluster, intercept?.Invoke(grain) ?? grain, options, host);
        try
        {
            client._lastSnapshot = await client._retry.RunAsync(() => client._grain.Register(client._registration, client._reference), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The host, if any, is the caller's to stop: it is not ours until we return.
            client._cluster.DeleteObjectReference<IFrameworkObserver>(client._reference);
            throw;
        }

        client.LogConnected(client.Id, client._lastSnapshot.Containers.Length, client._lastSnapshot.Leases.Length);
        client._refreshing = client.RefreshLoopAsync(client._stopping.Token);
        return client;
    }

    /// <summary>
    /// Disconnects: the framework's failover timeout starts (its leases and containers wait for a client with the
    /// same id), readers of leases and updates come to their end, and an Orleans client this client started is
    /// stopped. To end the framework instead, call <see cref="UnregisterAsync"/> first.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopRefreshingAsync().ConfigureAwait(false);
        await _registrationGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_ended)
            {
                _ended = true;
                using var timeout = new CancellationTokenSource(DisconnectTimeout, _options.TimeProvider);
                await _retry.RunAsync(() => _grain.Disconnect(), timeout.Token).ConfigureAwait(false);
                LogDisconnected(Id, _options.FailoverTimeout);
            }
        }
        catch (Exception error)
        {
            // Nothing to be done from here: the cluster keeps pushing to an observer that is gone.
            LogDisconnectFailed(Id, error);
        }
        finally
        {
            _registrationGate.Release();
        }

        _leases.Complete();
        _statuses.Complete();
        try
        {
            _cluster.DeleteObjectReference<IFrameworkObserver>(_reference);
        }
        catch (Exception error) when (error is InvalidOperationException or ObjectDisposedException)
        {
            // The Orleans client was stopped before us.
        }

        if (_host is not null)
        {
            await StopHostAsync(_host).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Registers again every refresh interval until stopped.</summary>
    private async Task RefreshLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await RefreshAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Registers again with the same registration and observer; a failure waits for the next refresh.</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _registrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ended)
            {
                Volatile.Write(ref _lastSnapshot, await _retry.RunAsync(() => _grain.Register(_registration, _reference), cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(Id, error);
        }
        finally
        {
            _registrationGate.Release();
        }
    }

    private async Task StopRefreshingAsync()
    {
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        await _refreshing.ConfigureAwait(false);
    }

    private static async Task StopHostAsync(IHost host)
    {
        try
        {
            await host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            host.Dispose();
        }
    }
}
