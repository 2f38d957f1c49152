using System.CommandLine;
using OrleansMesos.Cli.Cluster;
using OrleansMesos.Cli.Simulate;

namespace OrleansMesos.Cli;

/// <summary>The entry point of <c>omctl</c>, the OrleansMesos operator CLI.</summary>
internal static class Program
{
    /// <summary>Runs <c>omctl</c> on the process's console.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs <c>omctl</c> with <paramref name="args"/>, writing to the given writers; returns the exit code:
    /// 0 on success, 2 on bad input (command line, scenario, or a request the cluster refused), 1 on an
    /// unexpected error or a cluster that cannot be reached.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = CreateRootCommand().Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            var exitCode = parse.Invoke(configuration);

            // The parser reports a bad command line with 1; omctl keeps 1 for the unexpected.
            return parse.Errors.Count > 0 ? ExitCodes.InvalidInput : exitCode;
        }
        catch (Exception ex)
        {
            error.WriteLine($"error: unexpected failure: {ex}");
            return ExitCodes.UnexpectedError;
        }
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand() =>
        new("omctl: the OrleansMesos operator CLI.")
        {
            SimulateCommand.Create(),
            NodesCommand.Create(),
            FrameworksCommand.Create(),
            RolesCommand.Create(),
            LeasesCommand.Create(),
            ContainersCommand.Create(),
            ExplainCommand.Create(),
            DrainCommand.CreateDrain(),
            DrainCommand.CreateUndrain(),
        };
}
