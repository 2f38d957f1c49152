using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansMesos.ClientSample.Local;

/// <summary>Starting and signalling the omsilo child process of the local mode.</summary>
internal static class SiloProcess
{
    private const int SigTerm = 15;

    /// <summary>Starts omsilo with the options, in its own session, its output kept in <paramref name="output"/>.</summary>
    public static Process Start(LocalClusterOptions options, int siloPort, int gatewayPort, string data, OutputTail output)
    {
        var dotnet = DotnetHost();

        // Its own session: the terminal's Ctrl-C reaches the sample, which then stops the silo in order.
        var setsid = FindOnPath("setsid");
        var start = new ProcessStartInfo(setsid ?? dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            start.ArgumentList.Add(dotnet);
        }

        foreach (var arg in new[]
        {
            options.SiloDll,
            "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--cluster-id", options.ClusterId,
            "--service-id", options.ServiceId,
            "--node-id", options.Node.Value,
            "--runtime", options.Runtime,
            "--data-dir", data,
            "--reserve", options.Reserve,
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Embedded defaults: settings meant for another silo in this environment do not apply to this one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OrleansMesos__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var silo = Process.Start(start) ?? throw new LocalClusterException($"could not start {dotnet} {options.SiloDll}");
        silo.OutputDataReceived += (_, e) => output.Add(e.Data);
        silo.ErrorDataReceived += (_, e) => output.Add(e.Data);
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Asks the silo to stop: SIGTERM, which it answers with an orderly shutdown.</summary>
    public static void Terminate(Process silo) => _ = Kill(silo.Id, SigTerm);

    /// <summary>The dotnet host that runs this sample (so the silo runs on the same runtime), else dotnet on the PATH.</summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime; <root>/dotnet is the host.
        var runtime = new DirectoryInfo(Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory()));
        var root = runtime.Parent?.Parent?.Parent;
        return root is not null && File.Exists(Path.Combine(root.FullName, name)) ? Path.Combine(root.FullName, name) : name;
    }

    private static string? FindOnPath(string program) =>
        OperatingSystem.IsWindows()
            ? null
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, program))
                .FirstOrDefault(File.Exists);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
