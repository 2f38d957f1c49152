using Spectre.Console;

namespace OrleansMesos.ClientSample.Rendering;

/// <summary>Creates the Spectre console the sample writes to.</summary>
internal static class Terminal
{
    /// <summary>The width used when the output is not a terminal (a file, a pipe, a test).</summary>
    public const int RedirectedWidth = 160;

    /// <summary>True when the output is an interactive terminal: live progress then, plain lines otherwise.</summary>
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// A console over <paramref name="output"/>. On an interactive terminal it detects colours and width;
    /// anywhere else it writes plain text at <see cref="RedirectedWidth"/> columns, the same on every machine.
    /// </summary>
    public static IAnsiConsole For(TextWriter output)
    {
        if (IsInteractive(output))
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }
}
