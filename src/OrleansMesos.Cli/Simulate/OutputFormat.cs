namespace OrleansMesos.Cli.Simulate;

/// <summary>How <c>omctl simulate</c> prints its outcome.</summary>
internal enum OutputFormat
{
    /// <summary>Tables for people.</summary>
    Table,

    /// <summary>One JSON object for programs.</summary>
    Json,
}
