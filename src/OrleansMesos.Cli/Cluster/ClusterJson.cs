using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansMesos.Cli.Cluster;

/// <summary>Writes the cluster commands' results as camelCase JSON, one object per command.</summary>
internal static class ClusterJson
{
    // The output goes to a terminal or a file, never into HTML: quotes in messages stay readable.
    public static ClusterJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes <paramref name="value"/> to <paramref name="output"/>, ending with a newline.</summary>
    public static void Write<T>(T value, JsonTypeInfo<T> type, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(value, type));
}

/// <summary>Source-generated serialisation of the cluster commands' results.</summary>
[JsonSerializable(typeof(NodeList))]
[JsonSerializable(typeof(NodeRow))]
[JsonSerializable(typeof(FrameworkList))]
[JsonSerializable(typeof(RoleList))]
[JsonSerializable(typeof(RoleRow))]
[JsonSerializable(typeof(LeaseList))]
[JsonSerializable(typeof(ContainerList))]
[JsonSerializable(typeof(ExplainResult))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
