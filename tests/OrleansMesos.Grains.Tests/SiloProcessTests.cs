using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using OrleansMesos.Testing;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// <c>omsilo</c> as a real process: it starts a working one-node cluster on embedded defaults, leaves the cluster on
/// SIGTERM when told to, and refuses bad settings by name.
/// </summary>
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

    // Given a silo told to leave on stop with a 2 s drain deadline, and a framework's task sleeping a minute on it,
    // When the silo is sent SIGTERM, Then the task is killed once the deadline has passed and reported Killed for
    // that reason, and the silo exits by itself, with 0.
    [Fact]
    public async Task ASiloThatLeavesOnStop_KillsWhatStillRunsAtTheDrainDeadline_AndExits()
    {
        var (siloPort, gatewayPort) = (Loopback.FreePort(), Loopback.FreePort());
        var data = Path.Combine(Path.GetTempPath(), "om-silo-test", Guid.NewGuid().ToString("N")[..8]);
        var said = new ConcurrentQueue<string>();
        using var silo = Omsilo.Start(
            line => said.Enqueue(line ?? string.Empty),
            "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--node-id", "leaver", "--data-dir", data, "--runtime", "process",
            "--resources", "cpus=2,mem=2GiB,disk=4GiB,gpus=0", "--leave-on-stop", "--drain-deadline", "00:00:02");
        var client = Host.CreateApplicationBuilder();
        client.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, serviceId: "orleansmesos", clusterId: "orleansmesos"));
        using var host = client.Build();
        var observer = new FakeFramework();
        try
        {
            await Eventually.True(async () => await Omsilo.TryStartClient(host, TestContext.Current.CancellationToken), "a client connects to the silo", Deadline);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            await Eventually.True(async () => (await grains.GetGrain<INodeGrain>("leaver").GetSnapshot()).Registered, "the node registers itself", Deadline);
            var framework = grains.GetGrain<IFrameworkGrain>("leaving-test");
            var registration = new FrameworkRegistration(new FrameworkId("leaving-test"), "leaving-test", new RoleName("default"), "tester", GpuCapable: false, TimeSpan.FromMinutes(1));
            await framework.Register(registration, grains.CreateObjectReference<IFrameworkObserver>(observer));
            await framework.SetDemand([new TaskDemand(Resources.Parse("cpus=0.25,mem=32MiB"), 1)]);
            var lease = await observer.NextLease(Deadline);
            var sleeper = new ContainerSpec(new ContainerId("sleeper"), Resources.Parse("cpus=0.25,mem=32MiB"), Command: "/bin/sh", Args: ["-c", "exec sleep 60"]);
            await framework.Redeem(new RedeemRequest("r1", lease.Id, [sleeper]));
            await Eventually.True(() => observer.Applied.Any(u => u.State == ContainerState.Running), "the task runs", Deadline);

            Omsilo.Signal(silo, "TERM");

            await Eventually.True(() => observer.Applied.Any(u => u.State.IsTerminal()), "the task ends", Deadline);
            var ended = observer.Applied.Single(u => u.State.IsTerminal());
            Assert.Equal(ContainerState.Killed, ended.State);
            Assert.StartsWith("killed: the node's drain deadline passed", ended.Reason, StringComparison.Ordinal);
            Assert.True(silo.WaitForExit(Deadline), "the silo exits by itself");
            Assert.True(silo.ExitCode == 0, $"the silo exits with 0, not {silo.ExitCode}: {string.Join(Environment.NewLine, said)}");
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stop.Token);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--runtime", "banana", "Runtime: must be one of auto, docker, process (banana)")]
    [InlineData("--silo-port", "0", "SiloPort: must be a port between 1 and 65535 (0)")]
    [InlineData("--clustering", "redis", "Redis: must be given (host:port) when clustering or storage is redis")]
    [InlineData("--reserve", "cpus=lots", "Reserve: must be a non-negative number of cores such as 2 or 0.5 (cpus: lots)")]
    [InlineData("--drain-deadline", "-00:00:01", "DrainDeadline: must be between 0 and one day (-00:00:01)")]
    [InlineData("--drain-deadline", "2.00:00:00", "DrainDeadline: must be between 0 and one day (2.00:00:00)")]
    [InlineData("--address", "silo-1.example", "Address: must be an IP address (v4 or v6) (silo-1.example)")]
    public void ABadSetting_StopsTheStart_NamingTheSetting(string option, string value, string message)
    {
        using var silo = Omsilo.Start(option, value);

        var exited = silo.WaitForExit(Deadline);
        if (!exited)
        {
            // A silo that took the setting runs on: it must not outlive the test.
            silo.Kill(entireProcessTree: true);
        }

        Assert.True(exited, "the silo refuses to start");
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal($"omsilo: invalid setting: {message}", silo.StandardError.ReadToEnd().Trim());
    }

}
