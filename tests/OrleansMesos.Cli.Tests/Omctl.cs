using OrleansMesos.Cli;

namespace OrleansMesos.Cli.Tests;

/// <summary>Runs omctl in process, as the shell would, capturing what it writes.</summary>
internal static class Omctl
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A scenario written to a temporary file, deleted on dispose.</summary>
internal sealed class TempScenario : IDisposable
{
    public TempScenario(string json)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"omctl-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
