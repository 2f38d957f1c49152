using System.Globalization;

namespace OrleansMesos.Cli.Connection;

/// <summary>Where the cluster is and how long to wait for it.</summary>
/// <param name="Gateways">Silo gateways to try; any one that answers will do.</param>
/// <param name="ClusterId">The Orleans cluster id the silos were started with.</param>
/// <param name="ServiceId">The Orleans service id the silos were started with.</param>
/// <param name="Timeout">How long to wait for the connection, and for each call.</param>
internal sealed record ConnectionSettings(IReadOnlyList<GatewayAddress> Gateways, string ClusterId, string ServiceId, TimeSpan Timeout)
{
    /// <summary>The cluster and service id of an <c>omsilo</c> started with its defaults.</summary>
    public const string DefaultId = "orleansmesos";

    /// <summary>The default <see cref="Timeout"/>, in seconds.</summary>
    public const double DefaultTimeoutSeconds = 10;

    /// <summary>The gateways as the operator wrote them, for messages.</summary>
    public string GatewayList => string.Join(", ", Gateways);

    /// <summary>The timeout for messages: <c>10 s</c>.</summary>
    public string TimeoutText => Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
