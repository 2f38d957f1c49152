using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMesos.Testing;

namespace OrleansMesos.Cli.Tests.Cluster;

/// <summary>
/// A real <c>omsilo</c> process on free ports, one for a whole test class: a one-node cluster on embedded
/// defaults with the process runtime, and an Orleans client of the test's own for what omctl does not do
/// (registering frameworks, redeeming leases).
/// </summary>
public sealed class LiveSilo : IAsyncLifetime
{
    /// <summary>The node the silo's agent registers.</summary>
    public const string NodeId = "omctl-node";

    /// <summary>The bound on every wait for the silo.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _siloErrors = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "omctl-test", Guid.NewGuid().ToString("N")[..8]);
    private Process? _silo;
    private IHost? _client;

    /// <summary>The silo's gateway, as omctl takes it.</summary>
    public string Gateway { get; private set; } = string.Empty;

    /// <summary>The test's own client.</summary>
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public async ValueTask InitializeAsync()
    {
        var (siloPort, gatewayPort) = (Loopback.FreePort(), Loopback.FreePort());
        Gateway = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{gatewayPort}");
        _silo = Omsilo.Start(
            ErrorLine,
            "--silo-port", Text(siloPort), "--gateway-port", Text(gatewayPort), "--node-id", NodeId, "--data-dir", _data,
            "--runtime", "process", "--resources", "cpus=2,mem=2GiB,disk=4GiB,gpus=0");

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, serviceId: "orleansmesos", clusterId: "orleansmesos"));
        var client = builder.Build();
        await Eventually.True(async () => await Omsilo.TryStartClient(client, TestContext.Current.CancellationToken), "a client connects to the silo", Deadline, SiloAlive);
        _client = client;
        var node = Client.GetGrain<INodeGrain>(NodeId);
        await Eventually.True(async () => (await node.GetSnapshot()).Registered, "the silo's node registers itself", Deadline, SiloAlive);
    }

    /// <summary>Runs omctl against this silo with <c>-o json</c>, expecting success, and parses what it printed.</summary>
    public JsonElement Json(params string[] args)
    {
        var (exitCode, output, error) = Run([.. args, "-o", "json"]);
        Assert.True(exitCode == 0, $"omctl {string.Join(' ', args)} exited with {exitCode}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Runs omctl against this silo.</summary>
    public (int ExitCode, string Output, string Error) Run(params string[] args) => Omctl.Run([.. args, "--gateway", Gateway]);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.StopAsync(stop.Token);
            _client.Dispose();
        }

        if (_silo is not null)
        {
            Omsilo.Signal(_silo, "TERM");
            if (!_silo.WaitForExit(Deadline))
            {
                _silo.Kill(entireProcessTree: true);
            }

            _silo.Dispose();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    // A silo that stopped (a bad build, a taken port) ends the wait at once, with what it said.
    private void SiloAlive()
    {
        if (_silo!.HasExited)
        {
            lock (_siloErrors)
            {
                throw new InvalidOperationException($"omsilo exited with {_silo.ExitCode}: {_siloErrors}");
            }
        }
    }

    private void ErrorLine(string? line)
    {
        lock (_siloErrors)
        {
            _siloErrors.AppendLine(line);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
