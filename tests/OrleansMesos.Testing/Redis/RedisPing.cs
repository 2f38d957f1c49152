using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace OrleansMesos.Testing;

/// <summary>
/// One PING over a fresh connection, in plain RESP, so that the helper needs no Redis client: the answer to
/// whether Redis serves now (a Redis still loading its files answers <c>-LOADING</c>, which is not ready).
/// </summary>
internal static class RedisPing
{
    /// <summary>What the server answered (<c>+PONG</c> when ready), or why there was no answer.</summary>
    public static async Task<string> SendAsync(int port, bool tls, string? password, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
            Stream stream = tcp.GetStream();
            if (tls)
            {
                // Readiness only: the certificate is the one this helper made; clients under test check it themselves.
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, deadline.Token);
                stream = ssl;
            }

            await using (stream)
            {
                if (password is not null)
                {
                    var auth = await CallAsync(stream, deadline.Token, "AUTH", password);
                    if (!auth.StartsWith('+'))
                    {
                        return auth;
                    }
                }

                return await CallAsync(stream, deadline.Token, "PING");
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException
            && !cancellationToken.IsCancellationRequested)
        {
            return $"no answer: {ex.Message}";
        }
    }

    /// <summary>Sends a command as a RESP array and reads the first line of the reply.</summary>
    private static async Task<string> CallAsync(Stream stream, CancellationToken cancellationToken, params string[] args)
    {
        var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        var line = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer, cancellationToken) == 1)
        {
            if (buffer[0] == '\n')
            {
                return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
            }

            line.Add(buffer[0]);
        }

        return "no answer: the connection closed";
    }
}
