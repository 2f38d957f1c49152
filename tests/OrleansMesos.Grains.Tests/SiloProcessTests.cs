using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansMesos.Grains.Tests;

/// <summary><c>omsilo</c> as a real process: it starts a working one-node cluster on embedded defaults, and refuses bad settings by name.</summary>
[Collection(nameof(ClusterTests))]
public sealed class SiloProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheSilo_StartsAOneNodeCluster_WhoseNodeRegistersItself_AndStopsCleanly()
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var data = Path.Combine(Path.GetTempPath(), "om-silo-test", Guid.NewGuid().ToString("N")[..8]);
        using var silo = StartSilo("--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--node-id", "smoke", "--data-dir", data, "--runtime", "process", "--reserve", "cpus=0.5");
        try
        {
            var client = Host.CreateApplicationBuilder();
            client.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, serviceId: "orleansmesos", clusterId: "orleansmesos"));
            using var host = client.Build();
            await Eventually.True(async () => await TryStart(host), "a client connects to the silo", Deadline);
            var node = host.Services.GetRequiredService<IClusterClient>().GetGrain<INodeGrain>("smoke");

            await Eventually.True(async () => (await node.GetSnapshot()).Registered, "the node registers itself", Deadline);

            var snapshot = await node.GetSnapshot();
            Assert.Equal(Environment.ProcessorCount * 1000L - 500, snapshot.Capacity.MilliCpus);
            Assert.True(snapshot.Capacity.MemoryBytes > 0);
            Assert.True(snapshot.Reachable);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Signal(silo, "TERM");
            Assert.True(silo.WaitForExit(Deadline), "the silo stops on SIGTERM");
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }

        Assert.Equal(0, silo.ExitCode);
    }

    [Theory]
    [InlineData("--runtime", "banana", "Runtime: must be one of auto, docker, process (banana)")]
    [InlineData("--silo-port", "0", "SiloPort: must be a port between 1 and 65535 (0)")]
    [InlineData("--clustering", "redis", "Redis: must be given (host:port) when clustering or storage is redis")]
    [InlineData("--reserve", "cpus=lots", "Reserve: must be a non-negative number of cores such as 2 or 0.5 (cpus: lots)")]
    public void ABadSetting_StopsTheStart_NamingTheSetting(string option, string value, string message)
    {
        using var silo = StartSilo(option, value);

        Assert.True(silo.WaitForExit(Deadline));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal($"omsilo: invalid setting: {message}", silo.StandardError.ReadToEnd().Trim());
    }

    internal static async Task<bool> TryStart(IHost host)
    {
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException or OrleansMessageRejectionException or TimeoutException or OrleansException)
        {
            return false;
        }
    }

    /// <summary>Runs the omsilo built next to these tests (same configuration), with its output captured.</summary>
    internal static Process StartSilo(params string[] args)
    {
        // The tests run from bin/<configuration>/net10.0: the silo of the same configuration is run.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "OrleansMesos.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("the repository root was not found");
        }

        var dll = Path.Combine(root.FullName, "silo", "bin", configuration, "net10.0", "omsilo.dll");
        Assert.True(File.Exists(dll), $"{dll} is built before these tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    internal static void Signal(Process process, string signal)
    {
        if (!process.HasExited)
        {
            Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
