using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMesos.Grains;
using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Local;

/// <summary>
/// A one-node cluster for the local mode: omsilo as a child process on free loopback ports with a temporary
/// data directory, its own session (a Ctrl-C meant for the sample does not stop it under the sample's feet),
/// and an Orleans client of its own to see its node register. Disposing stops the silo with SIGTERM (killing it
/// if it does not stop in time) and removes the data directory.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly LocalClusterOptions _options;
    private readonly Process _silo;
    private readonly OutputTail _output;
    private readonly string _dataDirectory;
    private IHost? _client;
    private int _disposed;

    private LocalCluster(LocalClusterOptions options, Process silo, OutputTail output, string dataDirectory, int gatewayPort)
    {
        _options = options;
        _silo = silo;
        _output = output;
        _dataDirectory = dataDirectory;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }

    /// <summary>The silo's temporary data directory (container sandboxes); removed when the cluster stops.</summary>
    public string DataDirectory => _dataDirectory;

    public NodeId Node => _options.Node;

    /// <summary>What the node offers: the whole cluster's capacity.</summary>
    public Resources Capacity { get; private set; }

    /// <summary>Starts the silo and waits, within <see cref="LocalClusterOptions.StartTimeout"/>, until its node registered.</summary>
    /// <exception cref="LocalClusterException">The silo exited, or its node did not register in time; the message has the silo's last output.</exception>
    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ports = FreePorts.Take(2);
        var data = Path.Combine(Path.GetTempPath(), "orleansmesos-sample", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var output = new OutputTail();
        Process silo;
        try
        {
            silo = SiloProcess.Start(options, ports[0], ports[1], data, output);
        }
        catch
        {
            TryDelete(data);
            throw;
        }

        var cluster = new LocalCluster(options, silo, output, data, ports[1]);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.StartTimeout);
            try
            {
                await cluster.WaitForGatewayAsync(deadline.Token);
                await cluster.ConnectAsync(deadline.Token);
                cluster.Capacity = await cluster.WaitForNodeAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw cluster.Failure($"its node did not register within {options.StartTimeout.TotalSeconds:0} s");
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits, at most <paramref name="within"/>, until the framework has no live container on the node: killed
    /// containers are gone before the silo stops (a stopped silo leaves containers running for the next to adopt).
    /// </summary>
    /// <returns>False when some still ran at the deadline.</returns>
    public async Task<bool> WaitUntilIdleAsync(FrameworkId framework, TimeSpan within, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        try
        {
            while (true)
            {
                var node = await NodeGrain().GetSnapshot().WaitAsync(deadline.Token);
                if (!node.Containers.Any(c => c.Framework == framework && !c.State.IsTerminal()))
                {
                    return true;
                }

                await Task.Delay(Poll, deadline.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or OrleansException)
        {
            return false;
        }
    }

    /// <summary>Stops the client and the silo (SIGTERM, then a kill after the stop timeout) and removes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_client is not null)
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _client.StopAsync(quick.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException)
            {
                // The silo goes next anyway.
            }

            _client.Dispose();
        }

        if (!_silo.HasExited)
        {
            SiloProcess.Terminate(_silo);
            using var grace = new CancellationTokenSource(_options.StopTimeout);
            try
            {
                await _silo.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _silo.Kill(entireProcessTree: true);
                await _silo.WaitForExitAsync(CancellationToken.None);
            }
        }

        _silo.Dispose();
        TryDelete(_dataDirectory);
    }

    private INodeGrain NodeGrain() => _client!.Services.GetRequiredService<IClusterClient>().GetGrain<INodeGrain>(Node.Value);

    private async Task WaitForGatewayAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, GatewayPort, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    /// <summary>Starts an Orleans client of the silo; the gateway may accept connections a moment before it serves clients.</summary>
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfExited();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(c => c.UseLocalhostClustering(GatewayPort, _options.ServiceId, _options.ClusterId));
            builder.Services.AddLogging();
            var host = builder.Build();
            try
            {
                await host.StartAsync(cancellationToken);
                _client = host;
                return;
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException)
            {
                host.Dispose();
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    private async Task<Resources> WaitForNodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfExited();
            try
            {
                var node = await NodeGrain().GetSnapshot().WaitAsync(cancellationToken);
                if (node.Registered)
                {
                    return node.Capacity;
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // Not ready yet.
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private void ThrowIfExited()
    {
        if (_silo.HasExited)
        {
            throw Failure($"omsilo exited with code {_silo.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private LocalClusterException Failure(string what)
    {
        var tail = _output.ToString();
        return new LocalClusterException(tail.Length == 0 ? $"the local cluster did not start: {what}" : $"the local cluster did not start: {what}; its last output:{Environment.NewLine}{tail}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A sandbox a container still writes to: the temp folder's own cleanup takes it later.
        }
    }
}
