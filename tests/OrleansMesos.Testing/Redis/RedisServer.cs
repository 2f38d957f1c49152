using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansMesos.Testing;

/// <summary>
/// A private <c>redis-server</c> for one test: on a free loopback port, in a fresh temp folder that holds its
/// configuration file, log, data files and TLS files, optionally with a password, TLS only, and an append-only
/// file. It can be stopped and started again on the same port and folder (<see cref="RestartAsync"/>), or
/// killed (<see cref="KillAsync"/>); disposing kills it and removes the folder. Every wait is bounded.
/// </summary>
/// <remarks>
/// The configuration lives in a file, not on the command line, so the password is not in the process list.
/// Starts, stops and restarts are serialised; a test may restart it while clients keep working.
/// </remarks>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>Set to <c>1</c> to skip the Redis tests on purpose; otherwise a missing redis-server fails them.</summary>
    public const string NoRedisVariable = "ORLEANSMESOS_NO_REDIS";

    private const int PortAttempts = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _transitions = new(1, 1);
    private readonly string _executable;
    private Process? _process;
    private bool _disposed;

    private RedisServer(string executable, string directory, RedisServerOptions options, RedisTlsFiles? tls)
    {
        _executable = executable;
        Directory = directory;
        Options = options;
        Tls = tls;
    }

    /// <summary>Whether <see cref="NoRedisVariable"/> asks to skip the Redis tests.</summary>
    public static bool SkippedOnPurpose => Environment.GetEnvironmentVariable(NoRedisVariable) == "1";

    /// <summary>How this server runs.</summary>
    public RedisServerOptions Options { get; }

    /// <summary>The loopback port it serves on (TLS only when <see cref="RedisServerOptions.Tls"/>); the same across restarts.</summary>
    public int Port { get; private set; }

    /// <summary>Its folder: configuration, log, data files, TLS files.</summary>
    public string Directory { get; }

    /// <summary>The CA and certificate files when it serves TLS.</summary>
    public RedisTlsFiles? Tls { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A StackExchange.Redis configuration string for it, without the password: <c>127.0.0.1:port</c>, with <c>,ssl=true</c> for TLS.</summary>
    public string Configuration => Tls is null ? Endpoint : Endpoint + ",ssl=true";

    /// <summary>The process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>The log file.</summary>
    public string LogFile => Path.Combine(Directory, "redis.log");

    /// <summary>
    /// Starts a server and waits until it answers PING.
    /// </summary>
    /// <exception cref="InvalidOperationException">redis-server or openssl is missing, or the server did not start; the message says why (its log's last lines).</exception>
    public static async Task<RedisServer> StartAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RedisServerOptions();
        var executable = Executables.Find("redis-server", $"install it (apt-get install redis-server), or set {NoRedisVariable}=1 to skip the Redis tests");
        var directory = System.IO.Directory.CreateTempSubdirectory("om-redis-").FullName;
        RedisServer? server = null;
        try
        {
            var tls = options.Tls ? await RedisTlsFiles.CreateAsync(Path.Combine(directory, "tls"), cancellationToken) : null;
            server = new RedisServer(executable, directory, options, tls);

            // A free port may be taken between the look and the bind: try another, a few times.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = Loopback.FreePort();
                try
                {
                    await server.StartProcessAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < PortAttempts && server.LogTail().Contains("Address already in use", StringComparison.Ordinal))
                {
                }
            }
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                TryDelete(directory);
            }

            throw;
        }
    }

    /// <summary>
    /// Stops the server gracefully (SIGTERM: Redis syncs its append-only file and exits; killed if it takes longer
    /// than <see cref="RedisServerOptions.StopTimeout"/>) and starts it again on the same port and folder. With
    /// <see cref="RedisServerOptions.AppendOnly"/> it comes back with its data.
    /// </summary>
    /// <exception cref="InvalidOperationException">It did not come back within <see cref="RedisServerOptions.StartTimeout"/>.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _transitions.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopProcessAsync(graceful: true);
            await StartProcessAsync(cancellationToken);
        }
        finally
        {
            _transitions.Release();
        }
    }

    /// <summary>Stops the server gracefully (as <see cref="RestartAsync"/> does); <see cref="StartAgainAsync"/> brings it back.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => TransitionAsync(() => StopProcessAsync(graceful: true), cancellationToken);

    /// <summary>Kills the server (SIGKILL): what a crash leaves behind. <see cref="StartAgainAsync"/> brings it back.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => TransitionAsync(() => StopProcessAsync(graceful: false), cancellationToken);

    /// <summary>Starts a stopped or killed server again on the same port and folder; nothing when it runs.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        TransitionAsync(() => ProcessId is null ? StartProcessAsync(cancellationToken) : Task.CompletedTask, cancellationToken);

    /// <summary>The last lines of its log, for failure messages.</summary>
    public string LogTail(int lines = 15)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Kills the server and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transitions.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopProcessAsync(graceful: false);
            TryDelete(Directory);
        }
        finally
        {
            _transitions.Release();
        }
    }

    private async Task TransitionAsync(Func<Task> transition, CancellationToken cancellationToken)
    {
        await _transitions.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await transition();
        }
        finally
        {
            _transitions.Release();
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        await StopProcessAsync(graceful: false); // one that exited while starting
        // The folder is the user's alone (CreateTempSubdirectory makes it 0700), and so is the password in this file.
        var config = Path.Combine(Directory, "redis.conf");
        await File.WriteAllTextAsync(config, ConfigurationFile(), cancellationToken);
        var start = new ProcessStartInfo(_executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory };
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{_executable} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        var answer = "no answer yet";
        while (deadline.Elapsed < Options.StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on {Endpoint} exited with {process.ExitCode} while starting; its log ends:\n{LogTail()}");
            }

            answer = await RedisPing.SendAsync(Port, Tls is not null, Options.Password, PingTimeout, cancellationToken);
            if (answer == "+PONG")
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        await StopProcessAsync(graceful: false);
        throw new InvalidOperationException(
            $"redis-server on {Endpoint} did not answer PING within {Options.StartTimeout.TotalSeconds:0} s (last: {answer}); its log ends:\n{LogTail()}");
    }

    private async Task StopProcessAsync(bool graceful)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        using (process)
        {
            if (process.HasExited)
            {
                return;
            }

            if (graceful && Signal(process.Id, Sigterm) == 0)
            {
                using var grace = new CancellationTokenSource(Options.StopTimeout);
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // Took too long: kill it below.
                }
            }

            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(killed.Token);
        }
    }

    private string ConfigurationFile()
    {
        var lines = new List<string>
        {
            "bind 127.0.0.1",
            "daemonize no",
            $"dir {Quote(Directory)}",
            $"logfile {Quote(LogFile)}",
            "save \"\"",
        };
        if (Tls is { } tls)
        {
            lines.AddRange(["port 0", $"tls-port {Port.ToString(CultureInfo.InvariantCulture)}", $"tls-cert-file {Quote(tls.CertificateFile)}",
                $"tls-key-file {Quote(tls.KeyFile)}", $"tls-ca-cert-file {Quote(tls.CaFile)}", "tls-auth-clients no"]);
        }
        else
        {
            lines.Add($"port {Port.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Options.Password is { } password)
        {
            lines.Add($"requirepass {Quote(password)}");
        }

        lines.Add(Options.AppendOnly ? "appendonly yes" : "appendonly no");
        if (Options.AppendOnly)
        {
            lines.Add($"appendfsync {Options.AppendFsync}");
        }

        lines.AddRange(Options.ExtraConfiguration);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A value as a double-quoted redis.conf string.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }

        return quoted.Append('"').ToString();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is not worth failing a test for.
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
