using System.Text.Json;
using OrleansMesos.Cli.Json;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Simulate;

/// <summary>
/// Reads a scenario file into a validated <see cref="Scenario"/>. Every error is an
/// <see cref="InvalidFieldException"/> whose field is the JSON path of the bad value
/// (<c>$.frameworks[2].demand[0].task.cpus</c>) and whose rule says what is wrong.
/// </summary>
internal static partial class ScenarioLoader
{
    /// <summary>The field named when the file itself cannot be read.</summary>
    public const string FileField = "scenario";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    /// <summary>Reads and validates the scenario file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidFieldException">The file cannot be read, is not JSON, or breaks a rule.</exception>
    public static Scenario Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidFieldException(FileField, "must name a readable file", ex.Message);
        }

        return Parse(json);
    }

    /// <summary>Validates the scenario given as JSON text.</summary>
    /// <exception cref="InvalidFieldException">The text is not JSON or breaks a rule.</exception>
    public static Scenario Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw SyntaxError(ex);
        }

        using (document)
        {
            var root = JsonCursor.Root(document).ObjectWith("nodes", "roles", "frameworks", "options");
            var nodes = ReadNodes(root.Get("nodes"));
            var roles = ReadRoles(root.Get("roles"));
            var frameworks = ReadFrameworks(root.Get("frameworks"), roles);
            var options = root.TryGet("options", out var o) ? ReadOptions(o) : new();
            return new Scenario(nodes, roles, frameworks, options);
        }
    }

    private static InvalidFieldException SyntaxError(JsonException ex)
    {
        // The reader's message ends with its own "LineNumber: 2 | BytePositionInLine: 4." (zero-based);
        // state the place once, one-based, as editors count.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        var line = (ex.LineNumber ?? 0) + 1;
        var position = (ex.BytePositionInLine ?? 0) + 1;
        return new InvalidFieldException("$", "must be valid JSON", $"line {line}, position {position}: {message}");
    }
}
