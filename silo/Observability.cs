using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Dashboard;
using OrleansMesos.Grains.Telemetry;

namespace OrleansMesos.Silo;

/// <summary>
/// The silo's optional endpoints, both on 127.0.0.1 only: Prometheus metrics (<c>--metrics-port</c>) and the
/// Orleans dashboard (<c>--dashboard</c>). Without them the silo is a plain generic host with no HTTP at all.
/// </summary>
internal static class Observability
{
    /// <summary>Orleans' own meter: messaging, grains, membership.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Serves the OrleansMesos and Orleans meters on 127.0.0.1 at <paramref name="port"/>, path <c>/metrics</c>, as service <c>omsilo</c> of instance <paramref name="node"/>.</summary>
    public static void AddPrometheusEndpoint(IServiceCollection services, int port, NodeId node) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("omsilo", serviceInstanceId: node.Value))
            .WithMetrics(metrics => metrics
                .AddMeter(ClusterMetrics.MeterName, OrleansMeter)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = "127.0.0.1";
                    o.Port = port;
                }));

    /// <summary>A web host builder for a silo with the dashboard, Kestrel listening on 127.0.0.1 at <paramref name="port"/> only.</summary>
    public static WebApplicationBuilder DashboardHostBuilder(IEnumerable<KeyValuePair<string, string?>> settings, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        return builder;
    }

    /// <summary>Builds the web host and maps the dashboard at its root.</summary>
    public static WebApplication BuildDashboard(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapOrleansDashboard();
        return app;
    }
}
