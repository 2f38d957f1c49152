using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansMesos.Cli.Simulate;

/// <summary>Writes a <see cref="SimulationResult"/> as one camelCase JSON object.</summary>
internal static class SimulationJson
{
    // The output goes to a terminal or a file, never into HTML: quotes in the engine's
    // explanations stay readable instead of becoming \u0027.
    private static readonly SimulationJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/>, ending with a newline.</summary>
    public static void Write(SimulationResult result, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(result, Context.SimulationResult));
    }
}

/// <summary>Source-generated serialisation of the simulation's result.</summary>
[JsonSerializable(typeof(SimulationResult))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext;
