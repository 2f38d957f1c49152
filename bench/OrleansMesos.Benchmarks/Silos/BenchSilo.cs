using System.Diagnostics;
using System.Globalization;
using OrleansMesos.Testing;

namespace OrleansMesos.Benchmarks.Silos;

/// <summary>
/// One omsilo process on Redis clustering and storage, its own node on the process runtime, started with the
/// arguments of the cluster-mode test (tests/OrleansMesos.ClusterMode.Tests/SiloProcess.cs). Its log goes to
/// <c>&lt;node&gt;.log</c> in the phase's folder.
/// </summary>
internal sealed class BenchSilo : IDisposable
{
    private readonly SiloLog _log;

    private BenchSilo(NodeId node, int siloPort, Process process, SiloLog log)
    {
        Node = node;
        SiloPort = siloPort;
        Process = process;
        _log = log;
    }

    public NodeId Node { get; }

    /// <summary>Its silo-to-silo port: what tells its <c>SiloAddress</c> apart on loopback.</summary>
    public int SiloPort { get; }

    public Process Process { get; }

    /// <summary>Its CPU time so far, with its reaped containers' (the last figure read once it has exited).</summary>
    public TimeSpan Cpu => ChildProcesses.Cpu(Process);

    /// <summary>Starts omsilo for <paramref name="node"/>; <paramref name="environment"/> carries the grain and membership timings.</summary>
    public static BenchSilo Start(string cluster, string redis, string node, string resources, string dataRoot, IReadOnlyDictionary<string, string?> environment)
    {
        var siloPort = Loopback.FreePort();
        string[] args =
        [
            "--cluster-id", cluster, "--service-id", cluster, "--clustering", "redis", "--storage", "redis", "--redis", redis,
            "--address", "127.0.0.1", "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", Loopback.FreePort().ToString(CultureInfo.InvariantCulture), "--node-id", node, "--runtime", "process",
            "--resources", resources, "--data-dir", Path.Combine(dataRoot, node),
        ];
        var log = new SiloLog(Path.Combine(dataRoot, node + ".log"));
        var process = Omsilo.StartLogged(environment, log.Write, log.Write, args);
        ChildProcesses.Track(process);
        return new BenchSilo(new NodeId(node), siloPort, process, log);
    }

    /// <inheritdoc cref="SiloLog.ProblemsSince"/>
    public IReadOnlyList<LogEntry> ProblemsSince(long since) => _log.ProblemsSince(since);

    /// <summary>SIGKILL, as <c>kill -9</c>: no goodbye to the cluster; its containers (own sessions) keep running until they end.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: false);
        }
    }

    /// <summary>Kills it with whatever it started, if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        ChildProcesses.Forget(Process);
        Process.Dispose();
        _log.Dispose();
    }
}
