using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using OrleansMesos.Testing;

namespace OrleansMesos.Grains.Tests;

/// <summary><c>omsilo</c> as a real process: it starts a working one-node cluster on embedded defaults, and refuses bad settings by name.</summary>
[Collection(nameof(ClusterTests))]
public sealed class SiloProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheSilo_StartsAOneNodeCluster_WhoseNodeRegistersItself_AndStopsCleanly()
    {
        var (siloPort, gatewayPort) = (Loopback.FreePort(), Loopback.FreePort());
        var data = Path.Combine(Path.GetTempPath(), "om-silo-test", Guid.NewGuid().ToString("N")[..8]);
        using var silo = Omsilo.Start("--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--node-id", "smoke", "--data-dir", data, "--runtime", "process", "--reserve", "cpus=0.5");
        try
        {
            var client = Host.CreateApplicationBuilder();
            client.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, serviceId: "orleansmesos", clusterId: "orleansmesos"));
            using var host = client.Build();
            await Eventually.True(async () => await Omsilo.TryStartClient(host, TestContext.Current.CancellationToken), "a client connects to the silo", Deadline);
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
            Omsilo.Signal(silo, "TERM");
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
        using var silo = Omsilo.Start(option, value);

        Assert.True(silo.WaitForExit(Deadline));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal($"omsilo: invalid setting: {message}", silo.StandardError.ReadToEnd().Trim());
    }

}
