using System.CommandLine;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Simulate;

/// <summary>
/// <c>omctl simulate scenario.json [-o json|table]</c>: runs the allocation engine on a scenario and
/// reports who gets what and why the rest waits: a what-if for capacity planning.
/// </summary>
internal static class SimulateCommand
{
    private const string TableFormat = "table";
    private const string JsonFormat = "json";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario")
        {
            Description = "The scenario file (JSON): nodes, roles, frameworks with their demand, and engine options.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "How to print the outcome: tables for people, or one JSON object for programs.",
            DefaultValueFactory = _ => TableFormat,
        };
        output.AcceptOnlyFromAmong(TableFormat, JsonFormat);

        var command = new Command("simulate", "Run the allocation engine on a scenario and report grants, shares and unmet demand.")
        {
            scenario,
            output,
        };
        command.SetAction(parse => Execute(
            parse.GetRequiredValue(scenario),
            parse.GetValue(output) == JsonFormat ? OutputFormat.Json : OutputFormat.Table,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Loads, runs and prints; returns the exit code.</summary>
    public static int Execute(FileInfo scenarioFile, OutputFormat format, TextWriter output, TextWriter error)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioFile.FullName);
        }
        catch (InvalidFieldException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var result = SimulationRunner.Run(scenario);
        if (format == OutputFormat.Json)
        {
            SimulationJson.Write(result, output);
        }
        else
        {
            SimulationTables.Write(result, Terminal.For(output));
        }

        return ExitCodes.Success;
    }
}
