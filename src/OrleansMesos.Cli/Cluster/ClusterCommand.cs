using System.CommandLine;
using OrleansMesos.Cli.Connection;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// Builds a command that works on a live cluster: it takes the <see cref="ClusterOptions"/>, connects, runs
/// its body, and turns failures into exit codes: 1 when the cluster cannot be reached or does not answer in
/// time, 2 when the cluster refuses the request with a typed error (an unknown node, an invalid field).
/// </summary>
internal static class ClusterCommand
{
    /// <summary>Creates the command; <paramref name="body"/> runs once connected and returns the exit code.</summary>
    public static Command Create(string name, string description, Func<ClusterContext, Task<int>> body, params Symbol[] symbols) =>
        CreateWithArguments(name, description, _ => body, symbols);

    /// <summary>
    /// Creates the command. <paramref name="prepare"/> reads the command's own arguments before anything is
    /// connected (an <see cref="InvalidFieldException"/> there exits with 2 without asking the cluster) and
    /// returns the body to run once connected.
    /// </summary>
    public static Command CreateWithArguments(string name, string description, Func<ParseResult, Func<ClusterContext, Task<int>>> prepare, params Symbol[] symbols)
    {
        var options = new ClusterOptions();
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
                case Command subcommand:
                    command.Subcommands.Add(subcommand);
                    break;
            }
        }

        options.AddTo(command);
        command.SetAction(parse => Run(parse, options, prepare));
        return command;
    }

    private static int Run(ParseResult parse, ClusterOptions options, Func<ParseResult, Func<ClusterContext, Task<int>>> prepare)
    {
        var error = parse.InvocationConfiguration.Error;
        ConnectionSettings settings;
        Func<ClusterContext, Task<int>> body;
        try
        {
            settings = options.Connection(parse);
            body = prepare(parse);
        }
        catch (InvalidFieldException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        // Off the caller's synchronisation context: the command line's invocation is synchronous.
        return Task.Run(() => RunAsync(parse, options, settings, body)).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ParseResult parse, ClusterOptions options, ConnectionSettings settings, Func<ClusterContext, Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            await using var connection = await ClusterConnection.OpenAsync(settings);
            return await body(new ClusterContext(connection.Grains, options.Format(parse), parse.InvocationConfiguration.Output));
        }
        catch (ClusterUnreachableException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UnexpectedError;
        }
        catch (OrleansMesosException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (TimeoutException ex)
        {
            error.WriteLine($"error: the cluster at {settings.GatewayList} did not answer within {settings.TimeoutText}: {ex.Message}");
            return ExitCodes.UnexpectedError;
        }
        catch (OrleansException ex)
        {
            // The connection broke mid-command (a silo stopped): the environment, not the input.
            error.WriteLine($"error: the cluster at {settings.GatewayList} failed to answer: {ex.GetBaseException().Message}");
            return ExitCodes.UnexpectedError;
        }
    }
}
