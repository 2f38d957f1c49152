namespace OrleansMesos.Cli.Connection;

/// <summary>No silo answered at the gateways given: nothing was asked of the cluster. <c>omctl</c> exits with 1.</summary>
internal sealed class ClusterUnreachableException(ConnectionSettings settings, string reason)
    : Exception($"no OrleansMesos cluster answers at {settings.GatewayList} (cluster id '{settings.ClusterId}', service id '{settings.ServiceId}', waited up to {settings.TimeoutText}): {reason}");
