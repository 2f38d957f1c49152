using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static OrleansMesos.Grains.Tests.SiloProcessTests;

using OrleansMesos.Testing;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// <c>omsilo</c> as a real process with its HTTP endpoints: the Prometheus scrape shows what a client did to
/// the cluster, the dashboard answers behind its flag, and bad ports are refused by name.
/// </summary>
[Collection(nameof(ClusterTests))]
public sealed class SiloObservabilityTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "om-silo-metrics", Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task TheScrape_ShowsTheLeasesContainersCommitsAndSharesOfWhatAClientDid()
    {
        // Given a silo serving metrics, and a client with a registered framework.
        var (siloPort, gatewayPort, metricsPort) = (Loopback.FreePort(), Loopback.FreePort(), Loopback.FreePort());
        using var silo = Omsilo.Start("--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--metrics-port", $"{metricsPort}",
            "--node-id", "metered", "--data-dir", _data, "--runtime", "process");
        var scrape = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
        try
        {
            using var host = await ConnectClient(gatewayPort);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var node = grains.GetGrain<INodeGrain>("metered");
            await Eventually.True(async () => (await node.GetSnapshot()).Registered, "the node registers itself", Deadline);
            var observer = new FakeFramework();
            var framework = grains.GetGrain<IFrameworkGrain>("metered-fw");
            await framework.Register(
                new FrameworkRegistration(new FrameworkId("metered-fw"), "metered-fw", new RoleName("analytics"), "tester", false, TimeSpan.FromMinutes(1)),
                grains.CreateObjectReference<IFrameworkObserver>(observer));

            // When it asks for three small tasks and runs one container (0.25 cores) on the first lease.
            await framework.SetDemand([new TaskDemand(Resources.Parse("cpus=0.25,mem=32MiB"), 3)]);
            var lease = await observer.NextLease(Deadline);
            var sleeper = new ContainerSpec(new ContainerId("sleeper"), Resources.Parse("cpus=0.25,mem=32MiB"), Command: "/bin/sh", Args: ["-c", "sleep 30"]);
            await framework.Redeem(new RedeemRequest("metrics-1", lease.Id, [sleeper]));
            await framework.SetDemand([]);
            await Eventually.True(() => observer.Applied.Any(u => u.Container == sleeper.Id && u.State == ContainerState.Running), "the container runs", Deadline);

            // Then the scrape says so: leases granted and one redeemed, one Running container, its cores committed
            // on the node, and a dominant share for the framework and its role.
            var metrics = await ScrapeUntil(scrape, m =>
                m.Sum("orleansmesos_leases_redeemed_total") == 1 && m.Sum("orleansmesos_containers", "state=\"Running\"") == 1
                && m.Sum("orleansmesos_framework_dominant_share", "framework=\"metered-fw\"") > 0);
            Assert.True(metrics.Sum("orleansmesos_leases_granted_total") >= 1);
            Assert.Equal(1, metrics.Sum("orleansmesos_leases_redeemed_total", "role=\"analytics\""));
            Assert.Equal(1, metrics.Sum("orleansmesos_containers", "state=\"Running\""));
            Assert.Equal(0, metrics.Sum("orleansmesos_containers", "state=\"Staging\""));
            Assert.Equal(0.25, metrics.Sum("orleansmesos_node_cpus", "node=\"metered\"", "state=\"committed\""));
            Assert.Equal(32L << 20, metrics.Sum("orleansmesos_node_memory_bytes", "node=\"metered\"", "state=\"committed\""));
            Assert.True(metrics.Sum("orleansmesos_framework_dominant_share", "framework=\"metered-fw\"", "role=\"analytics\"") > 0);
            Assert.True(metrics.Sum("orleansmesos_role_dominant_share", "role=\"analytics\"") > 0);
            Assert.True(metrics.Count("orleansmesos_allocation_duration_seconds_count") >= 1);
            Assert.True(metrics.Count("orleans_") > 0, "Orleans' own meters are served too");

            // When the container is killed, it leaves the Running count and the node's commits.
            await framework.Kill(sleeper.Id);
            await Eventually.True(() => observer.Applied.Any(u => u.Container == sleeper.Id && u.State == ContainerState.Killed), "the container is killed", Deadline);
            metrics = await ScrapeUntil(scrape, m => m.Sum("orleansmesos_containers", "state=\"Running\"") == 0);
            Assert.Equal(1, metrics.Sum("orleansmesos_containers_ended_total", "state=\"Killed\""));
            Assert.Equal(0, metrics.Sum("orleansmesos_node_cpus", "node=\"metered\"", "state=\"committed\""));
            GC.KeepAlive(observer);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Stop(silo);
        }

        Assert.Equal(0, silo.ExitCode);
    }

    [Fact]
    public async Task WithTheDashboardFlag_TheDashboardAnswersOnLoopback()
    {
        var (siloPort, gatewayPort, dashboardPort) = (Loopback.FreePort(), Loopback.FreePort(), Loopback.FreePort());
        using var silo = Omsilo.Start("--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--dashboard", "--dashboard-port", $"{dashboardPort}",
            "--node-id", "dashboarded", "--data-dir", _data, "--runtime", "process");
        try
        {
            var status = HttpStatusCode.ServiceUnavailable;
            await Eventually.True(async () => (status = await TryGet(new Uri($"http://127.0.0.1:{dashboardPort}/"))) == HttpStatusCode.OK, "the dashboard answers", Deadline);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            Stop(silo);
        }

        Assert.Equal(0, silo.ExitCode);
    }

    [Theory]
    [InlineData("MetricsPort: must be a port between 1 and 65535 (0)", "--metrics-port", "0")]
    [InlineData("MetricsPort: must differ from GatewayPort (30000)", "--metrics-port", "30000")]
    [InlineData("DashboardPort: must be a port between 1 and 65535 (70000)", "--dashboard", "--dashboard-port", "70000")]
    [InlineData("DashboardPort: must differ from SiloPort (11111)", "--dashboard", "--dashboard-port", "11111")]
    [InlineData("DashboardPort: must differ from MetricsPort (9464)", "--dashboard", "--dashboard-port", "9464", "--metrics-port", "9464")]
    public void ABadPort_StopsTheStart_NamingTheSetting(string message, params string[] args)
    {
        using var silo = Omsilo.Start(args);

        Assert.True(silo.WaitForExit(Deadline));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal($"omsilo: invalid setting: {message}", silo.StandardError.ReadToEnd().Trim());
    }

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<IHost> ConnectClient(int gatewayPort)
    {
        var client = Host.CreateApplicationBuilder();
        client.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort, serviceId: "orleansmesos", clusterId: "orleansmesos"));
        var host = client.Build();
        await Eventually.True(async () => await Omsilo.TryStartClient(host, TestContext.Current.CancellationToken), "a client connects to the silo", Deadline);
        return host;
    }

    private static void Stop(Process silo)
    {
        Omsilo.Signal(silo, "TERM");
        Assert.True(silo.WaitForExit(Deadline), "the silo stops on SIGTERM");
    }

    private async Task<HttpStatusCode> TryGet(Uri uri)
    {
        try
        {
            using var response = await _http.GetAsync(uri, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    /// <summary>Scrapes until <paramref name="done"/> holds or the deadline passes; returns the last scrape either way, for the assertions to judge.</summary>
    private async Task<Scrape> ScrapeUntil(Uri uri, Func<Scrape, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        Scrape scrape;
        do
        {
            scrape = Scrape.Parse(await _http.GetStringAsync(uri, TestContext.Current.CancellationToken));
            if (done(scrape))
            {
                break;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        while (deadline.Elapsed < Deadline);
        return scrape;
    }

    /// <summary>A Prometheus text exposition: one sample per line, <c>name{labels} value</c>.</summary>
    private sealed record Scrape(List<(string Name, string Labels, double Value)> Samples)
    {
        public static Scrape Parse(string text) => new([.. text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line =>
            {
                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var close = line.LastIndexOf('}');
                var name = brace < 0 ? line[..line.IndexOf(' ', StringComparison.Ordinal)] : line[..brace];
                var labels = brace < 0 ? string.Empty : line[(brace + 1)..close];
                var value = line[((brace < 0 ? name.Length : close + 1) + 1)..].Split(' ')[0];
                // Only the figures asserted on need to parse; others (+Inf) are kept as NaN.
                return (name, labels, double.TryParse(value, CultureInfo.InvariantCulture, out var number) ? number : double.NaN);
            })]);

        /// <summary>The sum over the samples of metric <paramref name="name"/> that carry all the given labels.</summary>
        public double Sum(string name, params string[] labels) => Matching(name, labels).Sum(s => s.Value);

        /// <summary>How many samples' names start with <paramref name="prefix"/>.</summary>
        public int Count(string prefix) => Samples.Count(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));

        private IEnumerable<(string Name, string Labels, double Value)> Matching(string name, string[] labels) =>
            Samples.Where(s => s.Name == name && labels.All(l => s.Labels.Split(',').Contains(l)));
    }
}
