using System.Net;
using System.Net.Sockets;

namespace OrleansMesos.ClientSample.Local;

/// <summary>Loopback ports that are free now (the system hands them out; another process may still take one before the silo binds).</summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            // All held at once, so that the ports differ.
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
