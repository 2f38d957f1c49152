using System.CommandLine;
using BenchmarkDotNet.Running;

namespace OrleansMesos.Benchmarks.Micro;

/// <summary>The <c>bdn</c> command: hands every further argument to BenchmarkDotNet's switcher.</summary>
internal static class BdnCommand
{
    public static Command Create()
    {
        var command = new Command("bdn", "BenchmarkDotNet micro benchmarks; further arguments go to BenchmarkDotNet (e.g. --filter '*', --list flat).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            BenchmarkSwitcher.FromAssembly(typeof(BdnCommand).Assembly).Run([.. parse.UnmatchedTokens]);
            return 0;
        });
        return command;
    }
}
