using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace OrleansMesos.Testing;

/// <summary>Runs the <c>omsilo</c> built next to the tests as a real process, and clients of it.</summary>
public static class Omsilo
{
    /// <summary>The silo of the tests' own configuration; the test project builds it first (a project reference without its assembly).</summary>
    public static string Dll
    {
        get
        {
            var dll = Path.Combine(Repository.Root, "silo", "bin", Repository.Configuration, "net10.0", "omsilo.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is built before these tests");
        }
    }

    /// <summary>
    /// Starts omsilo with the arguments given. Its standard output is drained; its error output is handed line
    /// by line to an error-line callback when one is given, else left to read (<c>StandardError.ReadToEnd()</c>).
    /// </summary>
    public static Process Start(params string[] args) => Start(null, args);

    /// <inheritdoc cref="Start(string[])"/>
    public static Process Start(Action<string?>? errorLine, params string[] args) => Start(new Dictionary<string, string?>(), errorLine, args);

    /// <summary>
    /// Starts omsilo as <see cref="Start(Action{string?}?, string[])"/> does, with <paramref name="environment"/> added
    /// to (or, for a null value, removed from) the environment it inherits: the way to hand it a secret such as
    /// <c>OrleansMesos__RedisPassword</c> without putting it on the command line.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, Action<string?>? errorLine, params string[] args) =>
        StartLogged(environment, null, errorLine, args);

    /// <summary>As <see cref="Start(IReadOnlyDictionary{string, string?}, Action{string?}?, string[])"/>, also handing each line of its output (its log) to <paramref name="outputLine"/>.</summary>
    public static Process StartLogged(IReadOnlyDictionary<string, string?> environment, Action<string?>? outputLine, Action<string?>? errorLine, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => outputLine?.Invoke(e.Data);
        process.BeginOutputReadLine();
        if (errorLine is not null)
        {
            process.ErrorDataReceived += (_, e) => errorLine(e.Data);
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>Sends a signal (TERM, KILL, INT) to a process that still runs.</summary>
    public static void Signal(Process process, string signal)
    {
        if (!process.HasExited)
        {
            Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        }
    }

    /// <summary>Starts a client host; false while no silo answers yet (for a bounded retry loop).</summary>
    public static async Task<bool> TryStartClient(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException or OrleansMessageRejectionException or TimeoutException or OrleansException)
        {
            return false;
        }
    }
}
