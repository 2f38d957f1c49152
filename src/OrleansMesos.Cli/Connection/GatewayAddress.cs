using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Connection;

/// <summary>A silo's gateway as an operator writes it: <c>host:port</c>, <c>10.0.0.5:30000</c> or <c>[::1]:30000</c>.</summary>
/// <param name="Host">A host name or an IP address.</param>
/// <param name="Port">The gateway port.</param>
internal readonly record struct GatewayAddress(string Host, int Port)
{
    /// <summary>The gateway of an <c>omsilo</c> started with its defaults on this machine.</summary>
    public const string Default = "127.0.0.1:30000";

    private const string Rule = "must be host:port with a port between 1 and 65535";

    /// <summary>Parses <c>host:port</c>.</summary>
    /// <exception cref="InvalidFieldException">Names <c>--gateway</c> and the value.</exception>
    public static GatewayAddress Parse(string text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var colon = trimmed.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(trimmed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidFieldException("--gateway", Rule, trimmed);
        }

        var host = trimmed[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            // An IPv6 address needs brackets, or its last group reads as the port.
            throw new InvalidFieldException("--gateway", Rule + " (an IPv6 address in brackets: [::1]:30000)", trimmed);
        }

        return host.Length == 0 ? throw new InvalidFieldException("--gateway", Rule, trimmed) : new GatewayAddress(host, port);
    }

    /// <summary>The endpoint to connect to: the address itself, or the host name's first IPv4 address (else its first).</summary>
    /// <exception cref="SocketException">The host name does not resolve.</exception>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
        {
            return new IPEndPoint(address, Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, Port);
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':')
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
