namespace OrleansMesos.Cli.Tests;

/// <summary>JSON written with single quotes, so that scenarios fit in test data without escaping.</summary>
internal static class SingleQuotes
{
    public static string ToJson(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
