using System.Globalization;
using System.Text.Json;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Json;

/// <summary>
/// A JSON value and the path that leads to it (<c>$.nodes[0].cpus</c>). Every read checks the value's
/// kind and, when it is wrong, throws an <see cref="InvalidFieldException"/> naming the path, so that
/// a document is validated while it is read.
/// </summary>
internal readonly struct JsonCursor(JsonElement element, string path)
{
    /// <summary>The value.</summary>
    public JsonElement Element { get; } = element;

    /// <summary>The JSON path of the value, starting at <c>$</c>.</summary>
    public string Path { get; } = path;

    /// <summary>A cursor on the root of <paramref name="document"/>.</summary>
    public static JsonCursor Root(JsonDocument document) => new(document.RootElement, "$");

    /// <summary>
    /// Checks that the value is an object whose properties are all among <paramref name="known"/> and
    /// each given once; an unknown name is most often a typo, so it is an error rather than ignored.
    /// </summary>
    public JsonCursor ObjectWith(params ReadOnlySpan<string> known)
    {
        RequireObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            if (known.IndexOf(property.Name) < 0)
            {
                throw new InvalidFieldException(ChildPath(property.Name), "is not a known property", "known: " + string.Join(", ", known.ToArray()));
            }

            if (!seen.Add(property.Name))
            {
                throw new InvalidFieldException(ChildPath(property.Name), "must be given once");
            }
        }

        return this;
    }

    /// <summary>The property <paramref name="name"/>; false when it is absent or null.</summary>
    public bool TryGet(string name, out JsonCursor value)
    {
        RequireObject();
        if (Element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null)
        {
            value = new JsonCursor(child, ChildPath(name));
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The property <paramref name="name"/>, which must be present and not null.</summary>
    public JsonCursor Get(string name) =>
        TryGet(name, out var value) ? value : throw new InvalidFieldException(ChildPath(name), "is required");

    /// <summary>The items of an array, each with its index in its path.</summary>
    public IReadOnlyList<JsonCursor> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fail("must be an array");
        }

        var items = new List<JsonCursor>(Element.GetArrayLength());
        foreach (var item in Element.EnumerateArray())
        {
            items.Add(new JsonCursor(item, $"{Path}[{items.Count}]"));
        }

        return items;
    }

    /// <summary>The value as a string.</summary>
    public string String() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Fail("must be a string");

    /// <summary>The value as a finite number; <paramref name="rule"/> is the error when it is not one.</summary>
    public double Double(string rule = "must be a finite number") =>
        Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw Fail(rule);

    /// <summary>The value as a whole number in the range of <see cref="int"/> (<c>2</c>, <c>2.0</c> and <c>2e0</c> alike).</summary>
    public int Int32()
    {
        const string Rule = "must be a whole number";
        var value = Double(Rule);
        return Math.Floor(value) == value && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw Fail(Rule, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The value as true or false.</summary>
    public bool Boolean() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Fail("must be true or false"),
    };

    /// <summary>The value as an object whose every property is a string.</summary>
    public IReadOnlyDictionary<string, string> StringMap()
    {
        RequireObject();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            var value = new JsonCursor(property.Value, ChildPath(property.Name)).String();
            if (!map.TryAdd(property.Name, value))
            {
                throw new InvalidFieldException(ChildPath(property.Name), "must be given once");
            }
        }

        return map;
    }

    /// <summary>Runs <paramref name="build"/>, placing the field of any <see cref="InvalidFieldException"/> it throws under this path.</summary>
    public T Build<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (InvalidFieldException ex)
        {
            throw ex.Under(Path);
        }
    }

    /// <summary>An error saying that the value at this path breaks <paramref name="rule"/>.</summary>
    public InvalidFieldException Fail(string rule, string? detail = null) => new(Path, rule, detail);

    private void RequireObject()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Fail("must be an object");
        }
    }

    private string ChildPath(string name) =>
        IsPlainName(name) ? $"{Path}.{name}" : $"{Path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
