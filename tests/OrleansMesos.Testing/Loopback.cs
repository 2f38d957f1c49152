using System.Net;
using System.Net.Sockets;

namespace OrleansMesos.Testing;

/// <summary>Loopback ports for tests that run servers side by side.</summary>
public static class Loopback
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
