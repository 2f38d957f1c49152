using System.Text.Json.Serialization.Metadata;
using OrleansMesos.Cli.Simulate;
using Spectre.Console;

namespace OrleansMesos.Cli.Cluster;

/// <summary>What a cluster command's body works with: the connected cluster, and where and how to print.</summary>
internal sealed class ClusterContext(IGrainFactory grains, OutputFormat format, TextWriter output)
{
    private IAnsiConsole? _console;

    /// <summary>The cluster's grains.</summary>
    public ClusterReader Cluster { get; } = new(grains);

    /// <summary>Prints <paramref name="value"/>: as JSON, or through <paramref name="table"/> for people.</summary>
    public void Write<T>(T value, JsonTypeInfo<T> json, Action<T, IAnsiConsole> table)
    {
        if (format == OutputFormat.Json)
        {
            ClusterJson.Write(value, json, output);
        }
        else
        {
            table(value, _console ??= Terminal.For(output));
        }
    }
}
