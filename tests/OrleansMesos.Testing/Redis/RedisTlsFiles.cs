using System.Diagnostics;

namespace OrleansMesos.Testing;

/// <summary>
/// A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost, made with <c>openssl</c> when a
/// test needs them (never kept in the repository). Clients trust <see cref="CaFile"/>.
/// </summary>
public sealed record RedisTlsFiles(string CaFile, string CertificateFile, string KeyFile)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Makes the CA and the server certificate in <paramref name="directory"/> (created when missing).</summary>
    /// <exception cref="InvalidOperationException">openssl is missing or fails; the message says which step and why.</exception>
    public static async Task<RedisTlsFiles> CreateAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var files = new RedisTlsFiles(Path.Combine(directory, "ca.crt"), Path.Combine(directory, "server.crt"), Path.Combine(directory, "server.key"));
        var caKey = Path.Combine(directory, "ca.key");
        var request = Path.Combine(directory, "server.csr");
        var extensions = Path.Combine(directory, "server.ext");
        await File.WriteAllTextAsync(
            extensions,
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
            cancellationToken);
        string[] ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        await OpenSsl(cancellationToken, ["req", "-x509", .. ec, "-keyout", caKey, "-out", files.CaFile, "-days", "2", "-subj", "/CN=OrleansMesos test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
        await OpenSsl(cancellationToken, ["req", "-new", .. ec, "-keyout", files.KeyFile, "-out", request, "-subj", "/CN=localhost"]);
        await OpenSsl(cancellationToken, ["x509", "-req", "-in", request, "-CA", files.CaFile, "-CAkey", caKey, "-CAcreateserial",
            "-out", files.CertificateFile, "-days", "2", "-extfile", extensions]);
        return files;
    }

    private static async Task OpenSsl(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(Executables.Find("openssl", "install it (apt-get install openssl)"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"openssl {args[0]} did not finish within {StepTimeout.TotalSeconds:0} s");
        }

        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args.Take(2))} failed ({process.ExitCode}): {(await error).Trim()}");
        }
    }
}
