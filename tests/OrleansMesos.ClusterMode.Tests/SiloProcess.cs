using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OrleansMesos.Testing;

namespace OrleansMesos.ClusterMode.Tests;

/// <summary>One omsilo process of a Redis cluster on loopback: its own node, ports and sandbox folder, and the tail of its log.</summary>
internal sealed class SiloProcess : IDisposable
{
    private const int KeptLines = 400;

    private readonly ConcurrentQueue<string> _log;

    private SiloProcess(string node, int siloPort, int gatewayPort, Process process, ConcurrentQueue<string> log)
    {
        _log = log;
        Node = node;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Process = process;
    }

    public string Node { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Process Process { get; }

    /// <summary>
    /// Starts omsilo on Redis clustering and storage with the process runtime, leaving the cluster on SIGTERM after
    /// <paramref name="drainDeadline"/>; <paramref name="environment"/> carries the grain and membership timings.
    /// </summary>
    public static SiloProcess Start(string cluster, string redis, string node, string resources, TimeSpan drainDeadline, string dataRoot, IReadOnlyDictionary<string, string?> environment)
    {
        var (siloPort, gateway) = (Loopback.FreePort(), Loopback.FreePort());
        string[] args =
        [
            "--cluster-id", cluster, "--service-id", cluster, "--clustering", "redis", "--storage", "redis", "--redis", redis,
            "--address", "127.0.0.1", "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gateway.ToString(CultureInfo.InvariantCulture), "--node-id", node, "--runtime", "process",
            "--resources", resources, "--data-dir", Path.Combine(dataRoot, node),
            "--leave-on-stop", "--drain-deadline", drainDeadline.ToString("c", CultureInfo.InvariantCulture),
        ];
        var log = new ConcurrentQueue<string>();
        var file = TextWriter.Synchronized(new StreamWriter(Path.Combine(dataRoot, node + ".log")) { AutoFlush = true });
        var process = Omsilo.StartLogged(environment, line => Keep(log, file, line), line => Keep(log, file, line), args);
        return new SiloProcess(node, siloPort, gateway, process, log);
    }

    /// <summary>The last lines the silo wrote, for a failing test's message.</summary>
    public string Tail(int lines = 60) => $"--- {Node} (pid {Process.Id}{(Process.HasExited ? $", exited {Process.ExitCode}" : string.Empty)}) ---{Environment.NewLine}"
        + string.Join(Environment.NewLine, _log.TakeLast(lines));

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }

        Process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> log, TextWriter file, string? line)
    {
        if (line is null)
        {
            return;
        }

        file.WriteLine(line);
        log.Enqueue(line);
        while (log.Count > KeptLines && log.TryDequeue(out _))
        {
        }
    }
}
