using System.Globalization;
using System.Net;
using OrleansMesos.Errors;

namespace OrleansMesos.ClientSample;

/// <summary>A gateway given as <c>host:port</c> (an IPv6 address in brackets: <c>[::1]:30000</c>).</summary>
internal readonly record struct GatewayAddress(string Host, int Port)
{
    /// <exception cref="InvalidFieldException">Not of the form host:port with a port from 1 to 65535.</exception>
    public static GatewayAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : string.Empty;
        if (host.Length == 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidFieldException("--gateway", "must be host:port with a port from 1 to 65535", text);
        }

        return new GatewayAddress(host, port);
    }

    /// <summary>The endpoint: the address itself, or the host name's first address (IPv4 preferred).</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
        {
            return new IPEndPoint(address, Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
        var chosen = addresses.OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidFieldException("--gateway", "names a host with no address", Host);
        return new IPEndPoint(chosen, Port);
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
